/**
 * Static CSS and script of the finding page (finding-html.ts). The script draws the history
 * timeline as SVG from the JSON embedded in the page (no network, no library), and marks
 * `<body data-rendered>` so a headless browser test can tell that it ran.
 */

/** Page style. */
export const FINDING_CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.6em}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
td.op{font-size:13px}
pre.cmd{background:#f4f4f4;padding:.5em;border-radius:4px}
table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:2px 6px;vertical-align:top}
th{background:#f0f0f0;position:sticky;top:0}
tr.step td.step{color:#888;text-align:right}
td.op.flush{background:#fff4d6}td.op.ipi{background:#e8f0ff}td.op.call,td.op.return{background:#eef8ee}
td.op .loc{color:#888;font-size:11px}
tr.last td{border-bottom:2px solid #c00}
tr.note td{background:#f7f7ff;color:#444;font-style:italic;border-top:2px dashed #99a}
svg text{font:11px system-ui,sans-serif;pointer-events:none}
rect.op{fill:#8ab4f8;stroke:#3367d6}rect.op.pending{fill:#fbd38d;stroke:#c05621}
rect.op.prefix{fill:#9ae6b4;stroke:#2f855a}rect.op.stuck{fill:#feb2b2;stroke:#c53030;stroke-width:2}
.explain{background:#fff5f5;border-left:4px solid #c53030;padding:.5em 1em}
`;

/** Timeline script: reads #history-data, draws one row of bars per process into #timeline. */
export const FINDING_SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById('history-data').textContent);
  var svgNs = 'http://www.w3.org/2000/svg';
  var host = document.getElementById('timeline');
  var ops = data.ops, procs = [];
  ops.forEach(function(o){ if (procs.indexOf(o.process) < 0) procs.push(o.process); });
  procs.sort(function(a,b){return a-b;});
  var end = data.end, left = 110, width = 900, rowH = 26;
  var scale = width / Math.max(1, end);
  var svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('width', String(left + width + 20));
  svg.setAttribute('height', String(procs.length * rowH + 30));
  function el(name, attrs, text){ var e = document.createElementNS(svgNs, name);
    for (var k in attrs) e.setAttribute(k, String(attrs[k])); if (text) e.textContent = text; svg.appendChild(e); return e; }
  procs.forEach(function(p, i){ el('text', {x: 4, y: i*rowH + 17}, data.names[p] || ('p' + p)); });
  ops.forEach(function(o){
    var row = procs.indexOf(o.process), ret = o.ret === null ? end : o.ret;
    var cls = 'op' + (o.ret === null ? ' pending' : '') + (data.stuck.indexOf(o.id) >= 0 ? ' stuck' : data.prefix.indexOf(o.id) >= 0 ? ' prefix' : '');
    var r = el('rect', {'class': cls, 'data-op': o.id, x: left + o.call*scale, y: row*rowH + 4, width: Math.max(3, (ret - o.call)*scale), height: rowH - 8, rx: 3});
    var t = document.createElementNS(svgNs, 'title'); t.textContent = '#' + o.id + ' ' + o.label; r.appendChild(t);
    el('text', {x: left + o.call*scale + 3, y: row*rowH + 17}, o.f);
  });
  el('text', {x: left, y: procs.length*rowH + 20}, 'step 0');
  el('text', {x: left + width - 40, y: procs.length*rowH + 20}, 'step ' + end);
  host.appendChild(svg);
  document.body.setAttribute('data-rendered', 'bars:' + ops.length + ' steps:' + document.querySelectorAll('tr.step').length);
})();
`;
