package io.clickpulse.enrich;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.clickpulse.event.EventColumns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * With {@code enrich.geoip.anonymize-ip}, the copies of a record that the lake stores (the payload
 * and payload_base64 of decoded rows, which raw/ and bad_records/ keep) carry user_ip masked as
 * {@link GeoIpEnricher} masks the events' column: {@link IpAddresses#anonymize}, and a value that
 * is no address blanked. Only the text of each {@code "user_ip": "…"} value changes, so the rest of
 * the record stays byte for byte; it is found by scanning, not by parsing, so a record that is not
 * JSON (truncated, not UTF-8, too large) is masked too. The decoder has read the full address by
 * then: the stream's geo lookup is unchanged.
 */
public final class PayloadPrivacy {
  private static final String KEY = "\"user_ip\"";
  private static final JsonFactory JSON = new JsonFactory();
  private static final UserDefinedFunction TEXT =
      udf((UDF1<String, String>) PayloadPrivacy::maskUserIp, DataTypes.StringType);
  private static final UserDefinedFunction BASE64 =
      udf((UDF1<String, String>) PayloadPrivacy::maskUserIpBase64, DataTypes.StringType);

  private PayloadPrivacy() {}

  /** Decoded rows with their stored payload masked when anonymizing, else as they are. */
  public static Dataset<Row> apply(Dataset<Row> decoded, boolean anonymizeIp) {
    if (!anonymizeIp) {
      return decoded;
    }
    return decoded
        .withColumn(EventColumns.PAYLOAD, TEXT.apply(col(EventColumns.PAYLOAD)))
        .withColumn(EventColumns.PAYLOAD_BASE64, BASE64.apply(col(EventColumns.PAYLOAD_BASE64)));
  }

  /**
   * Bytes given as base64, masked in a Latin-1 view: one char per byte, so every other byte is kept
   * as it is.
   */
  static String maskUserIpBase64(String base64) {
    if (base64 == null) {
      return null;
    }
    String view = new String(Base64.getDecoder().decode(base64), StandardCharsets.ISO_8859_1);
    String masked = maskUserIp(view);
    return masked.equals(view)
        ? base64
        : Base64.getEncoder().encodeToString(masked.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Every {@code "user_ip"} string value of the text masked in place (to the text's end when it is
   * cut short).
   */
  public static String maskUserIp(String text) {
    if (text == null) {
      return null;
    }
    String masked = text.contains(KEY) ? maskValuesAfter(text, literalKeys(text)) : text;
    // a key spelled with \\u escapes is the same key to the decoder (Jackson reads the escapes)
    return masked.contains("\\u") ? maskValuesAfter(masked, escapedKeys(masked)) : masked;
  }

  /**
   * Positions just after each literal {@code "user_ip"}, wherever it stands (also in text that is
   * no JSON).
   */
  private static List<Integer> literalKeys(String text) {
    List<Integer> after = new ArrayList<>();
    for (int at = text.indexOf(KEY); at >= 0; at = text.indexOf(KEY, at + 1)) {
      after.add(at + KEY.length());
    }
    return after;
  }

  /**
   * Positions just after each string with escapes that reads user_ip, walking the text string by
   * string.
   */
  private static List<Integer> escapedKeys(String text) {
    List<Integer> after = new ArrayList<>();
    for (int i = text.indexOf('"'); i >= 0 && i < text.length(); i = text.indexOf('"', i)) {
      int end = stringEnd(text, i + 1);
      String content = text.substring(i + 1, end);
      if (content.indexOf('\\') >= 0 && "user_ip".equals(unescape(content))) {
        after.add(end + 1);
      }
      i = end + 1;
    }
    return after;
  }

  /**
   * The text with the string value after each key position masked: {@code key : "value"}, JSON
   * whitespace allowed.
   */
  private static String maskValuesAfter(String text, List<Integer> keyEnds) {
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int keyEnd : keyEnds) {
      int colon = skipWhitespace(text, keyEnd);
      int quote = skipWhitespace(text, colon + 1);
      if (keyEnd < copied
          || colon >= text.length()
          || text.charAt(colon) != ':'
          || quote >= text.length()
          || text.charAt(quote) != '"') {
        continue;
      }
      int start = quote + 1;
      int end = stringEnd(text, start);
      String value = text.substring(start, end);
      String masked =
          IpAddresses.anonymize(value.indexOf('\\') >= 0 ? unescape(value) : value).orElse("");
      if (!masked.equals(value)) {
        out.append(text, copied, start).append(masked);
        copied = end;
      }
    }
    // untouched text is handed back as it is: the common case once the archive is masked
    return copied == 0 ? text : out.append(text, copied, text.length()).toString();
  }

  /**
   * Index of the quote closing a string whose content starts at {@code start}, or the text's length
   * when cut short.
   */
  private static int stringEnd(String text, int start) {
    int i = start;
    while (i < text.length() && text.charAt(i) != '"') {
      i += text.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i, text.length());
  }

  private static int skipWhitespace(String s, int i) {
    while (i < s.length()
        && (s.charAt(i) == ' '
            || s.charAt(i) == '\t'
            || s.charAt(i) == '\r'
            || s.charAt(i) == '\n')) {
      i++;
    }
    return i;
  }

  /** A JSON string's content with its escapes resolved; null when it is no valid string content. */
  private static String unescape(String content) {
    try (JsonParser p = JSON.createParser("\"" + content + "\"")) {
      p.nextToken();
      return p.getText();
    } catch (IOException e) {
      return null;
    }
  }
}
