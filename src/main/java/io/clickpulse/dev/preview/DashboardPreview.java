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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local preview of the QuickSight dashboard: every visual of quicksight/definition.json, its data
 * queried from Athena's stand-in with the visual's own grouping, aggregation, sort, limit and date
 * filter, drawn with Vega-Lite in one self-contained HTML page (the libraries inlined, no network).
 * Filled maps and the tree map are drawn as bars: there are no map tiles offline and Vega-Lite has
 * no tree map; their cards say so. The charts fill their cards, which a CSS grid lays out in as
 * many columns as the window holds. When every chart has rendered, the page writes what it plotted,
 * as JSON, into the hidden script element #render-report, which the browser test compares with the
 * query results.
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
      ArrayNode dates = chart.putArray("dates");
      q.dimensions().stream().filter(VisualQuery.Field::isDate).forEach(d -> dates.add(d.id()));
      chart.set("values", values(q, r));
      // a window with no row at all is a gap in a line too (QuickSight's time axis is continuous)
      if (q.type().equals("LineChartVisual") && q.dimensions().get(0).isDate()) {
        VegaLiteSpecs.windowMillis(q.dimensions().get(0).dateGranularity())
            .ifPresent(ms -> chart.put("windowMs", ms));
      }
      chart.set("spec", VegaLiteSpecs.of(q, v.getValue()));
    }
    try {
      StringBuilder html = new StringBuilder();
      html.append(
              "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                  + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  + "<title>clickpulse overview (preview)</title>\n<style>")
          .append(STYLE)
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
          "</head><body><h1>clickpulse overview: local preview of the QuickSight dashboard</h1>\n"
              + "<p class=\"lede\">Each visual of quicksight/definition.json, queried on the"
              + " local Trino as QuickSight would query Athena. Times are UTC.</p>\n"
              + "<div class=\"grid\">\n");
      for (var c : charts) {
        String type = c.get("type").asText();
        // a time series gets the whole row: its time axis needs the width
        html.append(
                type.equals("LineChartVisual")
                    ? "<section class=\"card wide\" data-visual=\""
                    : "<section class=\"card\" data-visual=\"")
            .append(escape(c.get("id").asText()))
            .append("\" data-type=\"")
            .append(escape(type))
            .append("\"><h2>")
            .append(escape(c.get("title").asText()))
            .append("</h2>");
        VegaLiteSpecs.difference(queries.get(c.get("id").asText()))
            .ifPresent(
                note -> html.append("<p class=\"note\">").append(escape(note)).append("</p>"));
        html.append("<div class=\"vis\" id=\"vis-")
            .append(escape(c.get("id").asText()))
            .append("\"></div><details class=\"sql\"><summary>query</summary><code>")
            .append(escape(c.get("sql").asText()))
            .append("</code></details></section>\n");
      }
      html.append(
              "</div>\n<script type=\"application/json\" id=\"render-report\"></script>\n"
                  + "<script>\nconst charts = ")
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

  /**
   * Rows as objects keyed by field id; measures (and histogram values) as numbers; dates as ISO
   * instants in UTC ("2026-03-01T05:00:00Z"), which the browser reads the same in every time zone.
   */
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
        } else if (q.dimensions().get(i).isDate()) {
          o.put(r.columns().get(i), utcInstant(v));
        } else {
          o.put(r.columns().get(i), v);
        }
      }
    }
    return rows;
  }

  /** A Trino date or timestamp as text ("2026-03-01", "2026-03-01 05:00:00.000"), in UTC. */
  static String utcInstant(String v) {
    try {
      LocalDateTime t =
          v.length() == 10
              ? LocalDate.parse(v).atStartOfDay()
              : LocalDateTime.parse(v.replace(' ', 'T'));
      return t.toInstant(ZoneOffset.UTC).toString();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a Trino date or timestamp: " + v, e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static final String STYLE =
      "*{box-sizing:border-box}body{font-family:sans-serif;margin:16px;background:#f4f6f8;color:#222}"
          + "h1{font-size:20px;margin:0 0 4px}.lede{margin:0 0 12px;color:#555;font-size:13px}"
          + ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,520px),1fr));"
          + "gap:16px}"
          + ".card{background:#fff;border-radius:6px;padding:12px;box-shadow:0 1px 3px #0002;"
          + "min-width:0;overflow-wrap:anywhere}"
          + ".card h2{font-size:15px;margin:0 0 6px}.card.wide{grid-column:1/-1}"
          + ".note{margin:0 0 6px;font-size:12px;color:#8a5a00;background:#fff6e0;padding:4px 6px;"
          + "border-radius:4px}"
          + ".vis{width:100%}.vis.table{max-height:420px;overflow:auto}"
          + "table{border-collapse:collapse;font-size:12px;width:100%;overflow-wrap:normal}"
          + "td,th{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left}th{white-space:nowrap}"
          + "td.num{text-align:right}th{position:sticky;top:0;background:#fff}"
          + ".sql{color:#888;font-size:10px;margin-top:6px}.sql summary{cursor:pointer}";

  /**
   * Embeds each chart (a table for TableVisual), then reports what each one plotted. The views are
   * kept in {@code views} by visual id.
   */
  private static final String SCRIPT =
      """
      const report = {};
      const views = {};
      // a line chart's windows without a row, as rows without values (marked _empty), so that the
      // line breaks there instead of joining its neighbours
      const withEmptyWindows = c => {
        if (!c.windowMs || c.values.length < 2) {
          return c.values;
        }
        const t = c.dates[0];
        const sorted = [...c.values].sort((a, b) => Date.parse(a[t]) - Date.parse(b[t]));
        const out = [sorted[0]];
        for (let i = 1; i < sorted.length; i++) {
          const from = Date.parse(sorted[i - 1][t]);
          const to = Date.parse(sorted[i][t]);
          for (let w = from + c.windowMs, n = 0; w < to && n < 1000; w += c.windowMs, n++) {
            const empty = {_empty: true};
            c.fields.forEach(f => empty[f] = null);
            empty[t] = new Date(w).toISOString();
            out.push(empty);
          }
          out.push(sorted[i]);
        }
        return out;
      };
      const done = charts.map(async c => {
        const el = document.getElementById('vis-' + c.id);
        if (c.type === 'TableVisual') {
          el.classList.add('table');
          const esc = v => String(v ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;');
          const num = f => c.values.some(r => typeof r[f] === 'number') ? ' class="num"' : '';
          const t = document.createElement('table');
          t.innerHTML = '<tr>' + c.fields.map(f => '<th' + num(f) + '>' + esc(f) + '</th>').join('') + '</tr>'
            + c.values.map(r => '<tr>' + c.fields.map(f => '<td' + num(f) + '>' + esc(r[f]) + '</td>').join('') + '</tr>').join('');
          el.appendChild(t);
          report[c.id] = {rendered: true, marks: t.rows.length - 1,
            rows: Array.from(t.rows).slice(1).map(tr => Array.from(tr.cells).map(td => td.textContent))};
          return;
        }
        const spec = Object.assign({data: {name: 'table', values: withEmptyWindows(c)}}, c.spec);
        const result = await vegaEmbed(el, spec, {renderer: 'svg', actions: false});
        views[c.id] = result.view;
        const text = (f, v) => v === null || v === undefined ? ''
          : v instanceof Date || c.dates.includes(f) ? 'epoch:' + new Date(v).getTime() : String(v);
        const rows = result.view.data('table').filter(r => !r._empty).map(r => c.fields.map(f => text(f, r[f])));
        report[c.id] = {rendered: true, marks: el.querySelectorAll('svg .mark-rect path, svg .mark-arc path,'
          + ' svg .mark-line path, svg .mark-symbol path, svg .mark-text text').length, rows: rows};
      });
      const writeReport = r => {
        document.getElementById('render-report').textContent = JSON.stringify(r).replace(/</g, '\\\\u003c');
      };
      Promise.all(done).then(() => {
        writeReport(report);
        document.body.setAttribute('data-rendered', 'true');
      }).catch(e => writeReport({error: String(e)}));
      """;
}
