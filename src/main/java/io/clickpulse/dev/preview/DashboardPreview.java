package io.clickpulse.dev.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clickpulse.athena.QueryResult;
import io.clickpulse.athena.SqlEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local preview of the QuickSight dashboard: every visual of quicksight/definition.json, its data
 * queried from Athena's stand-in with the visual's own grouping, aggregation, sort, limit and date
 * filter, drawn with Vega-Lite in one self-contained HTML page (the libraries inlined, no network).
 * Filled maps and the tree map are drawn as bars: there are no map tiles offline and Vega-Lite has
 * no tree map. When every chart has rendered, the page writes what it plotted into #render-report,
 * which the browser test compares with the query results.
 */
public final class DashboardPreview {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> LIBRARIES =
      List.of(
          "vega/build/vega.min.js",
          "vega-lite/build/vega-lite.min.js",
          "vega-embed/build/vega-embed.min.js");

  /** The page written, and per visual the query and its result (what the page must show). */
  public record Rendered(
      Path page, Map<String, VisualQuery> queries, Map<String, QueryResult> results) {}

  private DashboardPreview() {}

  public static Rendered render(
      QuickSightFiles files, SqlEngine engine, Path nodeModules, Path page) {
    Map<String, VisualQuery> queries = new LinkedHashMap<>();
    Map<String, QueryResult> results = new LinkedHashMap<>();
    ArrayNode charts = JSON.createArrayNode();
    for (Map.Entry<String, JsonNode> v : files.visuals()) {
      VisualQuery q = VisualQuery.of(v.getKey(), v.getValue(), files);
      QueryResult r = engine.execute(q.sql());
      queries.put(q.visualId(), q);
      results.put(q.visualId(), r);
      ObjectNode chart = charts.addObject();
      chart.put("id", q.visualId());
      chart.put("type", q.type());
      chart.put(
          "title",
          v.getValue().path("Title").path("FormatText").path("PlainText").asText(q.visualId()));
      chart.put("sql", q.sql());
      ArrayNode fields = chart.putArray("fields");
      q.dimensions().forEach(d -> fields.add(d.id()));
      q.measures().forEach(m -> fields.add(m.id()));
      chart.set("values", values(q, r));
      chart.set("spec", VegaLiteSpecs.of(q, v.getValue()));
    }
    try {
      StringBuilder html = new StringBuilder();
      html.append(
              "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>clickpulse overview (preview)</title>\n<style>")
          .append("body{font-family:sans-serif;margin:16px;background:#f4f6f8}h1{font-size:20px}")
          .append(".grid{display:grid;grid-template-columns:repeat(2,1fr);gap:16px}")
          .append(
              ".card{background:#fff;border-radius:6px;padding:12px;box-shadow:0 1px 3px #0002}")
          .append(
              ".card h2{font-size:15px;margin:0 0 8px}.card>div{max-height:420px;overflow:auto}table{border-collapse:collapse;font-size:12px}")
          .append(
              "td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:left}.sql{color:#888;font-size:10px}")
          .append("</style>\n");
      for (String lib : LIBRARIES) {
        Path file = nodeModules.resolve(lib);
        if (!Files.exists(file)) {
          throw new IllegalStateException(
              file + " is missing: ./clickpulse setup installs vega, vega-lite and vega-embed");
        }
        html.append("<script>")
            .append(Files.readString(file).replace("</script", "<\\/script"))
            .append("</script>\n");
      }
      html.append(
          "</head><body><h1>clickpulse overview: local preview of the QuickSight dashboard</h1>\n<div class=\"grid\">\n");
      for (var c : charts) {
        html.append("<div class=\"card\"><h2>")
            .append(escape(c.get("title").asText()))
            .append("</h2><div id=\"vis-")
            .append(c.get("id").asText())
            .append("\"></div><div class=\"sql\">")
            .append(escape(c.get("sql").asText()))
            .append("</div></div>\n");
      }
      html.append("</div>\n<pre id=\"render-report\"></pre>\n<script>\nconst charts = ")
          .append(JSON.writeValueAsString(charts).replace("</", "<\\/"))
          .append(";\n")
          .append(SCRIPT)
          .append("</script></body></html>\n");
      Files.createDirectories(page.getParent());
      Files.writeString(page, html);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + page, e);
    }
    return new Rendered(page, queries, results);
  }

  /** Rows as objects keyed by field id; measures (and histogram values) as numbers. */
  static ArrayNode values(VisualQuery q, QueryResult r) {
    ArrayNode rows = JSON.createArrayNode();
    for (List<String> row : r.rows()) {
      ObjectNode o = rows.addObject();
      for (int i = 0; i < row.size(); i++) {
        String v = row.get(i);
        if (v == null) {
          o.putNull(r.columns().get(i));
        } else if (i >= q.dimensions().size()) {
          o.put(r.columns().get(i), new BigDecimal(v));
        } else {
          o.put(r.columns().get(i), v);
        }
      }
    }
    return rows;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Embeds each chart (a table for TableVisual), then reports what each one plotted. */
  private static final String SCRIPT =
      """
      const report = {};
      const done = charts.map(async c => {
        const el = document.getElementById('vis-' + c.id);
        if (c.type === 'TableVisual') {
          const t = document.createElement('table');
          t.innerHTML = '<tr>' + c.fields.map(f => '<th>' + f + '</th>').join('') + '</tr>'
            + c.values.map(r => '<tr>' + c.fields.map(f => '<td>' + (r[f] ?? '') + '</td>').join('') + '</tr>').join('');
          el.appendChild(t);
          report[c.id] = {rendered: true, marks: t.rows.length - 1,
            rows: Array.from(t.rows).slice(1).map(tr => Array.from(tr.cells).map(td => td.textContent))};
          return;
        }
        const spec = Object.assign({width: 360, height: 240, data: {name: 'table', values: c.values}}, c.spec);
        const result = await vegaEmbed(el, spec, {renderer: 'svg', actions: false});
        const text = v => v === null || v === undefined ? '' : v instanceof Date ? 'epoch:' + v.getTime() : String(v);
        const rows = result.view.data('table').map(r => c.fields.map(f => text(r[f])));
        report[c.id] = {rendered: true, marks: el.querySelectorAll('svg .mark-rect path, svg .mark-arc path,'
          + ' svg .mark-line path, svg .mark-symbol path').length, rows: rows};
      });
      Promise.all(done).then(() => {
        document.getElementById('render-report').textContent = JSON.stringify(report);
        document.body.setAttribute('data-rendered', 'true');
      }).catch(e => {
        document.getElementById('render-report').textContent = JSON.stringify({error: String(e)});
      });
      """;
}
