/** Inline stylesheet of the check view. */
export const CHECK_HTML_CSS = `
body{font:13px/1.4 system-ui,sans-serif;margin:16px;color:#222;background:#fafafa}
h1{font-size:18px;margin:0 0 12px}
h2{font-size:15px;margin:20px 0 6px}
.verdict-linearizable{color:#1a7f37}.verdict-not-linearizable{color:#cf222e}.verdict-unknown{color:#9a6700}
.meta{color:#555;margin-bottom:6px}
.reason{background:#ffebe9;border:1px solid #ffcecb;padding:6px 8px;border-radius:4px;margin:6px 0}
.timeline{position:relative;background:#fff;border:1px solid #ddd;overflow-x:auto;margin:6px 0}
.row{position:relative;height:26px;border-bottom:1px solid #f0f0f0}
.row-label{position:sticky;left:0;display:inline-block;width:70px;height:26px;line-height:26px;padding-left:6px;background:#f6f8fa;border-right:1px solid #ddd;z-index:2;font-weight:600}
.op{position:absolute;top:4px;height:18px;line-height:18px;font:11px system-ui,sans-serif;padding:0 3px;box-sizing:border-box;border-radius:3px;white-space:nowrap;overflow:visible;cursor:default;background:#d0d7de;border:1px solid #afb8c1}
.op.lin{background:#aceebb;border-color:#4ac26b}
.op.stuck{background:#ff8182;border-color:#cf222e;font-weight:700}
.op.open{border-right:2px dashed #666;background-image:repeating-linear-gradient(45deg,transparent 0 4px,rgba(0,0,0,.06) 4px 8px)}
.op:hover,.op.hl{outline:2px solid #0969da;z-index:3}
.tip{position:fixed;pointer-events:none;background:#24292f;color:#fff;padding:6px 8px;border-radius:4px;font:12px/1.4 ui-monospace,monospace;white-space:pre;z-index:10;display:none;max-width:640px;overflow:hidden}
table.lin{border-collapse:collapse;font:12px ui-monospace,monospace;margin-top:6px}
table.lin td,table.lin th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
table.lin tr.stuck td{background:#ffebe9}
`;

/**
 * Inline script: reads the embedded JSON (#check-data) and draws, per history, one row per
 * process with each operation as a bar on a compressed time axis (distinct times ranked)
 * that spans the page's width and widens until every label fits its bar (issue 11); an
 * input or output is left out of the labels of an operation kind that never has one,
 * the linearization (or longest prefix) in green numbered in order, the operations that
 * cannot be placed in red, and a hover tip with input, output and the spec state after it.
 */
export const CHECK_HTML_SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById('check-data').textContent);
  var root = document.getElementById('root');
  var tip = document.createElement('div'); tip.className = 'tip'; document.body.appendChild(tip);
  function el(tag, cls, text){ var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function show(v){ return v === undefined ? '-' : JSON.stringify(v); }
  // label width in the bars' font, to size the time axis so that no label is cut
  var ctx = document.createElement('canvas').getContext('2d'); if (ctx) ctx.font = '11px system-ui,sans-serif';
  function textWidth(s){ return ctx ? ctx.measureText(s).width : s.length * 6.5; }
  function blank(v){ return v === null || v === undefined; }
  data.histories.forEach(function(h, hi){
    var sec = el('section'); sec.id = 'history-' + hi;
    var title = el('h2'); title.appendChild(document.createTextNode(h.file + ': '));
    title.appendChild(el('span', 'verdict-' + h.verdict, h.verdict)); sec.appendChild(title);
    sec.appendChild(el('div', 'meta', 'model ' + h.model + ' \\u00b7 ' + h.ops.length + ' operations \\u00b7 ' + h.steps + ' steps' + (h.partition != null ? ' \\u00b7 partition ' + JSON.stringify(h.partition) : '')));
    if (h.reason) sec.appendChild(el('div', 'reason', h.reason));
    var pos = {}; h.order.forEach(function(id, k){ pos[id] = k; });
    var stuck = {}; h.stuck.forEach(function(id){ stuck[id] = true; });
    var times = []; h.ops.forEach(function(o){ times.push(o.call); if (o.ret !== null) times.push(o.ret); });
    times.sort(function(a, b){ return a - b; });
    var rank = {}, r = 0; times.forEach(function(t){ if (!(t in rank)) rank[t] = r++; });
    // operation kinds that never carry an input (an output) in this history: no "null -> null"
    var hasInput = {}, hasOutput = {};
    h.ops.forEach(function(o){ if (!blank(o.input)) hasInput[o.f] = true; if (o.ret !== null && !blank(o.output)) hasOutput[o.f] = true; });
    function describe(o){
      return o.f + (o.key != null ? '[' + o.key + ']' : '') + (hasInput[o.f] ? ' ' + show(o.input) : '') +
        (o.ret === null ? ' ?' : hasOutput[o.f] ? ' \\u2192 ' + show(o.output) : '');
    }
    function labelOf(o){ return (o.id in pos ? '#' + (pos[o.id] + 1) + ' ' : '') + describe(o); }
    // the time axis: the page's full width at least, wider where a label needs the room
    var left = 80, avail = Math.max(600, (root.clientWidth || document.documentElement.clientWidth || 1200) - left - 60);
    var unit = Math.max(28, avail / (r + 0.8));
    h.ops.forEach(function(o){
      var span = o.ret === null ? r - rank[o.call] + 0.8 : rank[o.ret] - rank[o.call] + 0.8;
      unit = Math.max(unit, (textWidth(labelOf(o)) + 10) / span);
    });
    var end = (r + 0.8) * unit;
    var procs = []; h.ops.forEach(function(o){ if (procs.indexOf(o.process) < 0) procs.push(o.process); });
    procs.sort(function(a, b){ return a - b; });
    var tl = el('div', 'timeline'); var focusX = null;
    var inner = el('div'); inner.style.width = (left + end + 40) + 'px'; inner.style.position = 'relative'; tl.appendChild(inner);
    var rows = {};
    procs.forEach(function(p){ var row = el('div', 'row'); row.appendChild(el('span', 'row-label', 'p' + p)); inner.appendChild(row); rows[p] = row; });
    h.ops.forEach(function(o){
      var x0 = left + rank[o.call] * unit, x1 = o.ret === null ? left + end : left + rank[o.ret] * unit + unit * 0.8;
      var cls = 'op' + (o.id in pos ? ' lin' : '') + (stuck[o.id] ? ' stuck' : '') + (o.ret === null ? ' open' : '');
      var label = labelOf(o);
      var bar = el('div', cls, label); bar.setAttribute('data-op', String(o.id));
      bar.style.left = x0 + 'px'; bar.style.width = Math.max(12, x1 - x0) + 'px';
      bar.addEventListener('mousemove', function(ev){
        var lines = ['op ' + o.id + ' \\u00b7 process ' + o.process + (o.line != null ? ' \\u00b7 line ' + o.line : ''),
          o.f + (o.key != null ? ' key ' + JSON.stringify(o.key) : ''), 'input:  ' + show(o.input),
          'output: ' + (o.ret === null ? 'unknown (no return)' : show(o.output)),
          'time:   [' + o.call + ', ' + (o.ret === null ? '\\u221e' : o.ret) + ']'];
        if (o.id in pos) lines.push('linearized #' + (pos[o.id] + 1) + '; state after: ' + h.states[pos[o.id]]);
        else if (stuck[o.id]) lines.push('cannot be placed after the prefix');
        else lines.push('not linearized');
        tip.textContent = lines.join('\\n'); tip.style.display = 'block';
        tip.style.left = Math.min(ev.clientX + 12, window.innerWidth - 300) + 'px'; tip.style.top = (ev.clientY + 12) + 'px';
      });
      bar.addEventListener('mouseleave', function(){ tip.style.display = 'none'; });
      rows[o.process].appendChild(bar);
      if (stuck[o.id] && (focusX === null || x0 < focusX)) focusX = x0;
    });
    sec.appendChild(tl);

    var table = el('table', 'lin');
    var hd = el('tr'); ['#', 'op', 'process', 'operation', 'state after'].forEach(function(t){ hd.appendChild(el('th', null, t)); }); table.appendChild(hd);
    var byId = {}; h.ops.forEach(function(o){ byId[o.id] = o; });
    var first = el('tr'); ['0', '', '', 'initial', h.initialState].forEach(function(t){ first.appendChild(el('td', null, t)); }); table.appendChild(first);
    h.order.forEach(function(id, k){
      var o = byId[id]; var tr = el('tr');
      [String(k + 1), String(id), 'p' + o.process, describe(o), h.states[k] || ''].forEach(function(t){ tr.appendChild(el('td', null, t)); });
      table.appendChild(tr);
    });
    h.stuck.forEach(function(id){
      var o = byId[id]; var tr = el('tr', 'stuck');
      ['\\u2717', String(id), 'p' + o.process, describe(o), 'cannot be placed'].forEach(function(t){ tr.appendChild(el('td', null, t)); });
      table.appendChild(tr);
    });
    var det = el('details'); det.appendChild(el('summary', null, (h.verdict === 'linearizable' ? 'linearization' : 'longest linearizable prefix') + ' (' + h.order.length + ' ops)'));
    det.appendChild(table); if (h.verdict !== 'linearizable') det.open = true; sec.appendChild(det);
    root.appendChild(sec);
    // open the timeline at the operation that cannot be placed (once it is in the document)
    if (focusX !== null) tl.scrollLeft = Math.max(0, focusX - 400);
  });
  document.body.setAttribute('data-rendered', String(data.histories.length));
})();
`;
