package io.headroom4j.proxy;

/** The {@code /dashboard} page: one self-contained HTML file (no external assets) that polls {@code /stats}. */
final class Dashboard {

    private Dashboard() {
    }

    static final String HTML = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Headroom4j proxy</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
            body{font:14px system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
            h1{font-size:20px;margin:0 0 16px}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px}
            .card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px}
            .card b{display:block;font-size:22px;margin-top:4px}
            canvas{background:#fff;border:1px solid #ddd;border-radius:6px;margin-top:16px;width:100%;height:260px}
            table{border-collapse:collapse;margin-top:16px;background:#fff}
            td,th{border:1px solid #ddd;padding:4px 10px;text-align:left}
            .muted{color:#777}
            </style></head><body>
            <h1>Headroom4j proxy</h1>
            <div class="grid" id="cards"></div>
            <canvas id="chart" width="900" height="260"></canvas>
            <div class="muted">Tokens per request before (grey) and after (green) compression, most recent last.</div>
            <table id="transforms"><tr><th>Transform</th><th>Tokens saved</th></tr></table>
            <script>
            const fmt = n => Number(n).toLocaleString();
            function card(label, value) {
              return '<div class="card">' + label + '<b>' + value + '</b></div>';
            }
            function draw(history) {
              const c = document.getElementById('chart'), g = c.getContext('2d');
              g.clearRect(0, 0, c.width, c.height);
              if (!history.length) { g.fillText('No requests yet', 20, 30); return; }
              const max = Math.max(1, ...history.map(h => h[1]));
              const w = c.width / Math.max(1, history.length);
              history.forEach((h, i) => {
                const x = i * w, hb = (h[1] / max) * (c.height - 20), ha = (h[2] / max) * (c.height - 20);
                g.fillStyle = '#ccc'; g.fillRect(x + 1, c.height - hb, Math.max(1, w - 2), hb);
                g.fillStyle = '#2a9d4b'; g.fillRect(x + 1, c.height - ha, Math.max(1, w - 2), ha);
              });
            }
            async function refresh() {
              try {
                const s = await (await fetch('/stats')).json();
                document.getElementById('cards').innerHTML =
                  card('Requests', fmt(s.requests.total)) +
                  card('Compressed', fmt(s.requests.compressed)) +
                  card('Tokens before', fmt(s.tokens.total_before_compression)) +
                  card('Tokens after', fmt(s.tokens.total_after_compression)) +
                  card('Tokens saved', fmt(s.tokens.saved) + ' (' + s.tokens.savings_percent + '%)') +
                  card('Cache read tokens', fmt(s.provider_usage.cache_read_tokens)) +
                  card('Cache write tokens', fmt(s.provider_usage.cache_write_tokens)) +
                  card('Fail-opens', fmt(s.compression.fail_open)) +
                  card('Retrievals', fmt(s.retrieval.calls)) +
                  card('Errors', fmt(s.requests.failed + s.requests.upstream_errors));
                draw(s.history);
                const t = document.getElementById('transforms');
                t.innerHTML = '<tr><th>Transform</th><th>Tokens saved</th></tr>' +
                  Object.entries(s.tokens.saved_by_transform).map(([k, v]) =>
                    '<tr><td>' + k.replace(/[<>&]/g, '') + '</td><td>' + fmt(v) + '</td></tr>').join('');
              } catch (e) { /* proxy restarting; try again */ }
            }
            refresh(); setInterval(refresh, 2000);
            </script></body></html>
            """;
}
