/**
 * A writer to stdout or stderr that stops quietly when the reader goes away: `oise … | head -3`
 * closes the pipe after three lines, and the next write fails with EPIPE. That is not an error
 * of the command: the work goes on to its end (a submission, a pass), what it would still print
 * is dropped, and the exit code is the command's own. Any other stream error still surfaces.
 */
export function pipeWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      closed = true;
      return;
    }
    throw error;
  });
  return (text) => {
    if (closed || stream.destroyed) return;
    stream.write(text);
  };
}
