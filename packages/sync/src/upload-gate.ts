/** The limits on uploads at once and requests a minute, over all clients and per client address. */
export interface GateLimits {
  /** Uploads received at once, every client together. */
  maxUploads: number;
  /** Uploads at once from one address: always under `maxUploads`, so one client never takes every slot. */
  maxUploadsPerClient: number;
  /** Requests a minute from one address (any path). */
  requestsPerMinute: number;
}

/** A request that must wait: its HTTP status, French reason and `Retry-After` seconds. */
export interface GateRefusal {
  status: 429 | 503;
  reason: string;
  retryAfter: number;
}

const MINUTE_MS = 60_000;
/** Addresses remembered for the requests-a-minute count before a sweep of the stale ones. */
const SWEEP_AT = 1_000;

/**
 * Who may upload now (HTTP inbox, the pages' drop): a count of open uploads over all clients and
 * per address, and of requests in the last minute per address. In memory: a restart forgets.
 */
export class UploadGate {
  private open = 0;
  private readonly openBy = new Map<string, number>();
  private readonly recent = new Map<string, number[]>();
  readonly limits: GateLimits;

  constructor(
    limits: GateLimits,
    private readonly now: () => number = Date.now,
  ) {
    // One client never takes every slot: at most half of them (and at least one).
    const perClient = Math.max(1, Math.min(limits.maxUploadsPerClient, Math.floor(limits.maxUploads / 2)));
    this.limits = { ...limits, maxUploadsPerClient: perClient };
  }

  /** Counts one request from `address`; a refusal past the requests a minute. */
  request(address: string): GateRefusal | null {
    const now = this.now();
    if (this.recent.size > SWEEP_AT) {
      for (const [a, times] of this.recent) if ((times.at(-1) ?? 0) <= now - MINUTE_MS) this.recent.delete(a);
    }
    const times = (this.recent.get(address) ?? []).filter((t) => t > now - MINUTE_MS);
    if (times.length >= this.limits.requestsPerMinute) {
      this.recent.set(address, times);
      const wait = Math.max(1, Math.ceil(((times[0] ?? now) + MINUTE_MS - now) / 1000));
      return {
        status: 429,
        reason: `trop de requêtes depuis ${address} (plus de ${this.limits.requestsPerMinute} par minute) : réessayez dans ${wait} s.`,
        retryAfter: wait,
      };
    }
    times.push(now);
    this.recent.set(address, times);
    return null;
  }

  /** Takes an upload slot for `address`: its release, or why it must wait. */
  enter(address: string): { release: () => void } | GateRefusal {
    const mine = this.openBy.get(address) ?? 0;
    if (mine >= this.limits.maxUploadsPerClient) {
      return {
        status: 429,
        reason: `déjà ${mine} envois en cours depuis ${address} : attendez qu'ils finissent, puis réessayez.`,
        retryAfter: 60,
      };
    }
    if (this.open >= this.limits.maxUploads) {
      return {
        status: 503,
        reason: `déjà ${this.open} envois en cours : réessayez dans une minute.`,
        retryAfter: 60,
      };
    }
    this.open++;
    this.openBy.set(address, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.open--;
        const left = (this.openBy.get(address) ?? 1) - 1;
        if (left > 0) this.openBy.set(address, left);
        else this.openBy.delete(address);
      },
    };
  }
}
