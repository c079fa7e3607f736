/** Style of the campaign page (campaign-html.ts): full width, tables that wrap long text. */
export const CAMPAIGN_HTML_CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em 2em;color:#222}
h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.15em;margin-top:1.8em}
p.meta{color:#555;margin-top:0}
#headline{font-size:1.1em;padding:.6em 1em;border-radius:6px}
#headline.pass{background:#eefaf0;border-left:5px solid #2f855a}
#headline.fail{background:#fff5f5;border-left:5px solid #c53030}
b.fail{color:#c53030}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ddd;padding:3px 8px;vertical-align:top;text-align:left;overflow-wrap:break-word}
th{background:#f0f0f0;position:sticky;top:0;white-space:nowrap}
td code{overflow-wrap:anywhere}
td.num{text-align:right;white-space:nowrap}
td.risk{font-size:12px;color:#555;max-width:32em}
table.findings td:nth-child(2){max-width:60em}
div.cmd{margin-top:.3em;color:#444}
.badge{display:inline-block;padding:0 .5em;border-radius:3px;font-size:12px;white-space:nowrap}
.badge.pass{background:#c6f6d5;color:#22543d}.badge.fail{background:#fed7d7;color:#822727;font-weight:bold}
.badge.undecided{background:#edf2f7;color:#4a5568}
tr.fail td{background:#fffafa}
`;
