/** Where the map script and the d3 files it needs are served (from node_modules, never a CDN). */
export const CARTE_SCRIPT_PATH = '/static/carte.js';
export const D3_ARRAY_PATH = '/static/d3-array.min.js';
export const D3_GEO_PATH = '/static/d3-geo.min.js';

/**
 * The choropleth of every `<figure data-carte>` (views/map-figure.tsx): reads the figure's JSON
 * block (units, their class colour and text, the legend), fetches the level's boundaries
 * (`/carte/limites/…`, GeoJSON already wound for d3-geo), and draws an SVG with d3-geo: one
 * `<path data-code>` per unit, inside an `<a href>` (drill-down) or a focusable `<g>`, named
 * « Ségou : 1 234 » for screen readers. Hover and keyboard focus show the same label box. Units
 * without data are hatched (the legend says « pas de données »). « Télécharger la carte (PNG) »
 * draws the SVG and the legend on a canvas in the browser. Colours and classes come from the
 * server (report's class breaks): the script decides nothing.
 */
export const CARTE_JS = `
(() => {
  if (window.oiseCarte) return;
  window.oiseCarte = true;
  const SVG = 'http://www.w3.org/2000/svg';
  const el = (name, attrs) => {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  };

  const hatch = (svg, id) => {
    const defs = el('defs');
    const pattern = el('pattern', { id, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' });
    pattern.append(el('rect', { width: 6, height: 6, fill: '#f4f4f4' }), el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#8a8a8a', 'stroke-width': 2 }));
    defs.append(pattern);
    svg.append(defs);
  };

  const draw = async (figure) => {
    const holder = figure.querySelector('[data-carte-dessin]');
    const label = figure.querySelector('[data-carte-etiquette]');
    const data = JSON.parse(figure.querySelector('[data-carte-donnees]').textContent);
    let geo;
    try {
      // A plain GET, as the figure's <link rel=preload> asked it: the browser reuses that answer.
      const response = await fetch(figure.dataset.carte);
      if (!response.ok) throw new Error(String(response.status));
      geo = await response.json();
    } catch {
      holder.textContent = data.text.unavailable;
      return;
    }
    if (!geo.features || geo.features.length === 0) {
      holder.textContent = data.text.noBoundaries;
      return;
    }
    const byCode = new Map(data.values.map((v) => [v.code, v]));
    const width = 640;
    // The outlines' box in degrees, in one loop: Mercator maps longitude and latitude each on
    // its own and monotonically, so fitting the box's two corners fits every point the same, and
    // d3 walks the 700 outlines once (to draw them), not three times. No adaptive resampling
    // (precision 0: between neighbouring points Mercator's edges are straight to well under a
    // pixel) and no antimeridian clipping (a node's territory never crosses it): d3 then only
    // projects the points.
    let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
    for (const feature of geo.features) {
      const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      for (const polygon of polygons) for (const ring of polygon) for (const [lon, lat] of ring) {
        if (lon < west) west = lon;
        if (lon > east) east = lon;
        if (lat < south) south = lat;
        if (lat > north) north = lat;
      }
    }
    const box = { type: 'MultiPoint', coordinates: [[west, south], [east, north]] };
    const mercator = () => d3.geoMercator().precision(0).preclip((stream) => stream);
    const probe = d3.geoPath(mercator().fitWidth(width - 16, box)).bounds(box);
    const height = Math.min(560, Math.max(200, Math.ceil(probe[1][1] - probe[0][1]) + 16));
    const projection = mercator().fitExtent([[8, 8], [width - 8, height - 8]], box);
    const path = d3.geoPath(projection);
    const svg = el('svg', { viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'group', 'aria-label': data.caption, 'data-carte-svg': '' });
    const hatchId = figure.id + '-hachures';
    hatch(svg, hatchId);
    svg.append(el('rect', { width, height, fill: '#ffffff' }));
    const show = (target, unit) => {
      const box = target.getBoundingClientRect();
      const frame = figure.getBoundingClientRect();
      label.textContent = unit.name + data.text.separator + unit.text;
      label.hidden = false;
      const x = Math.min(Math.max(box.left + box.width / 2 - frame.left, 60), frame.width - 60);
      label.style.left = x + 'px';
      label.style.top = Math.max(box.top - frame.top - 8, 0) + 'px';
    };
    const hide = () => { label.hidden = true; };
    const drawn = new Set();
    for (const feature of geo.features) {
      const code = feature.properties.code;
      const unit = byCode.get(code) || { code, name: feature.properties.name, text: data.text.noData, color: null };
      drawn.add(code);
      const shape = el('path', {
        d: path(feature) || '',
        'data-code': code,
        fill: unit.color || 'url(#' + hatchId + ')',
        // Grey outlines: the lightest class is close to white.
        stroke: '#6b6b6b',
        'stroke-width': geo.features.length > 60 ? 0.4 : 0.8,
        class: 'carte-unite',
      });
      const title = el('title');
      title.textContent = unit.name + data.text.separator + unit.text;
      shape.append(title);
      const wrap = unit.href ? el('a', { href: unit.href }) : el('g', { tabindex: 0, role: 'img' });
      wrap.setAttribute('aria-label', unit.name + data.text.separator + unit.text);
      wrap.setAttribute('class', 'carte-lien');
      wrap.append(shape);
      wrap.addEventListener('mouseenter', () => show(shape, unit));
      wrap.addEventListener('mouseleave', hide);
      wrap.addEventListener('focus', () => show(shape, unit));
      wrap.addEventListener('blur', hide);
      svg.append(wrap);
    }
    holder.replaceChildren(svg);
    const missing = data.values.filter((v) => !drawn.has(v.code));
    if (missing.length > 0) {
      const note = document.createElement('p');
      note.className = 'carte-manque';
      note.textContent = data.text.missingOutline + missing.map((v) => v.name).join(', ') + '.';
      holder.after(note);
    }
    figure.dataset.carteDessinee = String(geo.features.length);
    performance.mark('oise:map-drawn:' + figure.id);
    const button = figure.querySelector('[data-carte-png]');
    if (button) {
      button.hidden = false;
      button.addEventListener('click', () => downloadPng(figure, svg, data, width, height));
    }
  };

  const downloadPng = (figure, svg, data, width, height) => {
    const scale = 2;
    const legendHeight = 34 + 22 * (data.classes.length + (data.noDataCount > 0 ? 1 : 0));
    const titleHeight = 40;
    const xml = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width * scale;
      canvas.height = (titleHeight + height + legendHeight) * scale;
      const ctx = canvas.getContext('2d');
      ctx.scale(scale, scale);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, titleHeight + height + legendHeight);
      ctx.fillStyle = '#111111';
      ctx.font = 'bold 15px sans-serif';
      ctx.fillText(data.caption, 10, 24, width - 20);
      ctx.drawImage(image, 0, titleHeight, width, height);
      let y = titleHeight + height + 22;
      ctx.font = 'bold 13px sans-serif';
      ctx.fillText(data.legendTitle, 10, y);
      ctx.font = '13px sans-serif';
      const swatch = (fill, text) => {
        y += 22;
        ctx.fillStyle = fill;
        ctx.fillRect(10, y - 12, 22, 14);
        ctx.strokeStyle = '#555555';
        ctx.strokeRect(10, y - 12, 22, 14);
        ctx.fillStyle = '#111111';
        ctx.fillText(text, 40, y);
      };
      for (const c of data.classes) swatch(c.color, c.label);
      if (data.noDataCount > 0) {
        const tile = document.createElement('canvas');
        tile.width = 6;
        tile.height = 6;
        const t = tile.getContext('2d');
        t.fillStyle = '#f4f4f4';
        t.fillRect(0, 0, 6, 6);
        t.strokeStyle = '#8a8a8a';
        t.beginPath();
        t.moveTo(0, 6);
        t.lineTo(6, 0);
        t.stroke();
        swatch(ctx.createPattern(tile, 'repeat'), data.text.noData);
      }
      canvas.toBlob((blob) => {
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = figure.id + '.png';
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      }, 'image/png');
    };
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml);
  };

  // The scripts sit at the end of the first map's figure without \`defer\`: they run as soon as
  // that figure is parsed, so the map is drawn when its boundaries arrive, while the rest of
  // the page (a table of 701 communes) is still being parsed. Maps further down are drawn once
  // the page is parsed.
  const started = new WeakSet();
  const drawAll = () => {
    for (const figure of document.querySelectorAll('figure[data-carte]')) {
      if (started.has(figure)) continue;
      started.add(figure);
      draw(figure);
    }
  };
  drawAll();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', drawAll);
})();
`;
