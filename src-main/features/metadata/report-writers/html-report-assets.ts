// The stylesheet and script inlined into the HTML data dictionary (one file, no external assets: it is mailed
// around and opened offline). Light and dark follow the system, and a button flips them for printing or screenshots.
export const REPORT_CSS = `
:root{--bg:#fff;--fg:#1d2330;--muted:#5f6b7a;--line:#d9dee5;--head:#f3f5f8;--accent:#2563c9;--hit:#fff3b0}
:root[data-theme=dark]{--bg:#14181f;--fg:#e3e8ef;--muted:#9aa6b5;--line:#2c3440;--head:#1c222b;--accent:#7aa7ff;--hit:#5a4b00}
@media (prefers-color-scheme:dark){:root:not([data-theme=light]){--bg:#14181f;--fg:#e3e8ef;--muted:#9aa6b5;--line:#2c3440;--head:#1c222b;--accent:#7aa7ff;--hit:#5a4b00}}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;background:var(--bg);color:var(--fg)}
header{position:sticky;top:0;z-index:1;background:var(--head);border-bottom:1px solid var(--line);padding:10px 16px;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
header h1{font-size:17px;margin:0 12px 0 0}
header input{flex:1;min-width:220px;padding:6px 10px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
button{padding:5px 10px;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg);cursor:pointer}
.count{color:var(--muted);font-size:12px}
main{padding:12px 16px 40px}
dl.system{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 14px}
dl.system dt{color:var(--muted)}dl.system dd{margin:0}
details{border:1px solid var(--line);border-radius:6px;margin:8px 0;background:var(--bg)}
details>summary{cursor:pointer;padding:6px 10px;font-weight:600}
details details{margin:6px 10px}
summary .meta{font-weight:400;color:var(--muted);margin-left:8px}
.desc{color:var(--muted);margin:0 10px 6px}
.table-wrap{overflow-x:auto;margin:0 10px 10px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
th{background:var(--head);position:sticky;top:0}
tr.hidden,details.hidden{display:none}
mark{background:var(--hit);color:inherit}
.empty{color:var(--muted);margin:10px}
`

export const REPORT_JS = `
(function(){
  var q=document.getElementById('q'),count=document.getElementById('count');
  var rows=[].slice.call(document.querySelectorAll('tr[data-row]'));
  var groups=[].slice.call(document.querySelectorAll('details[data-group]'));
  function filter(){
    var words=q.value.toLowerCase().split(/\\s+/).filter(Boolean),shown=0;
    rows.forEach(function(tr){
      var t=tr.textContent.toLowerCase(),ok=words.every(function(w){return t.indexOf(w)>=0});
      tr.classList.toggle('hidden',!ok);if(ok)shown++;
    });
    groups.slice().reverse().forEach(function(d){
      var visible=d.querySelector('tr[data-row]:not(.hidden)')!==null||(!words.length);
      d.classList.toggle('hidden',!visible);
      if(words.length)d.open=visible;
    });
    count.textContent=words.length?shown+' of '+rows.length+' rows match':rows.length+' rows';
  }
  q.addEventListener('input',filter);
  document.getElementById('expand').onclick=function(){groups.forEach(function(d){d.open=true})};
  document.getElementById('collapse').onclick=function(){groups.forEach(function(d){d.open=false})};
  document.getElementById('theme').onclick=function(){
    var r=document.documentElement,dark=r.dataset.theme?r.dataset.theme==='dark':matchMedia('(prefers-color-scheme: dark)').matches;
    r.dataset.theme=dark?'light':'dark';
  };
  filter();
})();
`
