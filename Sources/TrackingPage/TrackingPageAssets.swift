/// The tracking page's inline CSS and script (no external resources; the script's hash goes in the CSP).
enum TrackingPageAssets {
    /// Mobile-first layout; the map beside the card and timeline from 900 px; motion off on request.
    static func css(theme: TrackingPage.Theme) -> String {
        let (bg, fg, muted, panel, accent, line) = switch theme {
        case .default: ("#f4f6f8", "#1d2733", "#5d6b7a", "#ffffff", "#e0531f", "#dde3ea")
        case .dark: ("#11161c", "#e6edf3", "#93a1b0", "#1b232c", "#ff7a45", "#2b3642")
        case .minimal: ("#ffffff", "#222222", "#777777", "#ffffff", "#222222", "#e5e5e5")
        }
        return """
        *{box-sizing:border-box}html,body{margin:0}body{background:\(bg);color:\(fg);\
        font:15px/1.45 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
        .tm{max-width:1200px;margin:0 auto;padding:12px;display:grid;gap:12px}
        .tm-map{position:relative;background:\(panel);border:1px solid \(line);border-radius:10px;overflow:hidden}
        .tm-map svg{display:block;width:100%;height:auto}
        .tm-overlay{position:absolute;inset:0;width:100%;height:100%;pointer-events:none}
        #tm-marker{offset-rotate:0deg;animation:tm-travel 2.4s ease-in-out forwards,tm-pulse 1.6s ease-out 2.4s infinite}
        #tm-highlight{opacity:0;transition:opacity .2s}#tm-highlight.on{opacity:1}
        @keyframes tm-travel{from{offset-distance:0%}to{offset-distance:100%}}
        @keyframes tm-pulse{0%{r:7;opacity:1}70%{r:14;opacity:.35}100%{r:7;opacity:1}}
        .tm-unknown{padding:32px 16px;text-align:center;color:\(muted)}
        .tm-card,.tm-timeline{background:\(panel);border:1px solid \(line);border-radius:10px;padding:14px 16px}
        .tm-card h1{margin:0 0 2px;font-size:20px}.tm-sub{color:\(muted);font-size:13px;margin:0 0 8px}
        .tm-card p{margin:4px 0}.tm-bar{height:6px;background:\(line);border-radius:3px;overflow:hidden;margin:10px 0 4px}
        .tm-bar i{display:block;height:100%;background:\(accent)}.tm-progress{color:\(muted);font-size:13px}
        .tm-replay{margin-top:10px;font:inherit;font-size:13px;padding:6px 12px;border-radius:6px;\
        border:1px solid \(line);background:transparent;color:\(fg);cursor:pointer}
        .tm-timeline ol{list-style:none;margin:0;padding:0}
        .tm-timeline li{position:relative;padding:8px 0 8px 18px;border-left:2px solid \(line);margin-left:5px}
        .tm-timeline li::before{content:"";position:absolute;left:-6px;top:14px;width:10px;height:10px;border-radius:50%;background:\(line)}
        .tm-timeline li:first-child::before{background:\(accent)}
        .tm-timeline li[data-x]{cursor:pointer}.tm-timeline li.on{background:\(line)}
        .tm-time{color:\(muted);font-size:12px;display:block}.tm-place{color:\(muted);font-size:13px}
        .tm-timeline h2{font-size:15px;margin:0 0 6px}
        @media (min-width:900px){.tm{grid-template-columns:2fr 1fr;align-items:start}.tm-map{grid-row:span 2}}
        @media (prefers-reduced-motion:reduce){#tm-marker{animation:none;offset-distance:100%}\
        #tm-highlight{transition:none}.tm-replay{display:none}}
        """
    }

    /// Replay, tap-to-highlight, and live updates.
    ///
    /// With `data-events`, the page subscribes with `EventSource` and, on each `shipment` event whose `id` it has
    /// not drawn yet, refetches itself with `If-None-Match` and swaps the map, card, timeline and motion in place (no
    /// reload). The browser reconnects a dropped stream by itself, sending `Last-Event-ID`; only a stream the
    /// browser gave up on (or no `EventSource` at all) falls back to polling the page with `If-None-Match`.
    static let script = """
    (function(){"use strict";
    var d=document;function $(i){return d.getElementById(i)}
    function replay(){var m=$("tm-marker");if(!m)return;m.style.animation="none";void m.getBoundingClientRect();m.style.animation=""}
    function bind(){var b=d.querySelector(".tm-replay");if(b)b.onclick=replay;
    var items=d.querySelectorAll(".tm-timeline li[data-x]");
    for(var i=0;i<items.length;i++){items[i].onclick=function(){var h=$("tm-highlight");if(!h)return;
    var on=d.querySelectorAll(".tm-timeline li.on");for(var j=0;j<on.length;j++)on[j].classList.remove("on");
    this.classList.add("on");h.setAttribute("cx",this.getAttribute("data-x"));h.setAttribute("cy",this.getAttribute("data-y"));h.classList.add("on")}}}
    bind();
    var root=d.documentElement,etag=root.getAttribute("data-version")||"",busy=false,again=false,seen="";
    function refresh(){if(busy){again=true;return}busy=true;var x=new XMLHttpRequest();x.open("GET",location.href);
    if(etag)x.setRequestHeader("If-None-Match",etag);
    x.onloadend=function(){busy=false;if(again){again=false;refresh()}};
    x.onload=function(){if(x.status!==200)return;etag=x.getResponseHeader("ETag")||etag;
    var n=new DOMParser().parseFromString(x.responseText,"text/html");
    ["tm-map","tm-card","tm-timeline","tm-motion"].forEach(function(id){var a=$(id),b=n.getElementById(id);if(a&&b)a.replaceWith(b)});
    root.setAttribute("data-version",etag);bind()};
    x.send()}
    var timer=null;function poll(){if(!timer)timer=setInterval(refresh,15000)}
    var url=root.getAttribute("data-events");if(!url)return;
    if(typeof EventSource==="undefined"){poll();return}
    try{var es=new EventSource(url);
    es.addEventListener("shipment",function(e){if(e.lastEventId&&e.lastEventId===seen)return;seen=e.lastEventId;refresh()});
    es.onerror=function(){if(es.readyState===2)poll()}}catch(e){poll()}
    })();
    """
}
