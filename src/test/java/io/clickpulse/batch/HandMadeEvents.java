package io.clickpulse.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * App-tracker and UI-click records made by hand for AthenaEndToEndIT's known answers, next to the
 * generator's pixel-tracker traffic. Times are offsets from t (a whole minute, so the 30 s stagger
 * windows start at t and t + 30 s) and from l (after every generated event, so these are their
 * users' last accesses). Users a-31, a-77, u-55, u-66 are not seeded, so their gap sessions are
 * only these events; users 3 and 4 are seeded (their names come from the users table).
 */
final class HandMadeEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TRACKER =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
  static final String PHONE_UA =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
  static final String TABLET_UA =
      "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
          + " Version/17.4 Mobile/15E148 Safari/604.1";
  static final String TRATTORIA = "IT Trattoria";
  static final String SUSHI = "IT Sushi Bar";

  private HandMadeEvents() {}

  /** The records in the order they are archived (duplicates and the bad one included). */
  static List<String> records(Instant t, Instant l) {
    List<String> out = new ArrayList<>();
    // the beer shop's app: a-31 on a phone, four events in two stagger windows and three gap
    // sessions (gap 5 s in the local profile): [t, t+3.5s], [t+12.25s], [t+31s]
    out.add(app("a-31", "mobile", "OpenApp", t, "81.2.69.160", PHONE_UA));
    String view = app("a-31", "mobile", "ViewBeer", t.plusMillis(3_500), "81.2.69.160", PHONE_UA);
    out.add(view);
    out.add(view); // a producer retry: counted once
    out.add(app("a-31", "mobile", "AddBeerToCart", t.plusMillis(12_250), "81.2.69.160", PHONE_UA));
    out.add(app("a-31", "mobile", "Checkout", t.plusSeconds(31), "81.2.69.160", PHONE_UA));
    // a-77: no device (the decoder's "unknown"), then two devices at the very same last time: the
    // last-access tie is broken by event id
    out.add(app("a-77", null, "OpenApp", t.plusSeconds(40), null, null));
    out.add(app("a-77", "mobile", "ViewBeer", l.plusSeconds(5), "216.160.83.56", PHONE_UA));
    out.add(app("a-77", "tablet", "OpenApp", l.plusSeconds(5), "2.125.160.216", TABLET_UA));
    // seeded user 3 comes back on a tablet after all their generated events
    out.add(app("3", "tablet", "OpenApp", l, "89.160.20.112", TABLET_UA));

    // the restaurant ordering page's UI clicks (no device id: not in stagger sessions)
    String pizza = ui("u-55", "menu-pizza", 4.5, TRATTORIA, t.plusSeconds(5), "81.2.69.160");
    out.add(pizza);
    out.add(pizza); // a producer retry: counted once
    out.add(ui("u-55", "add-to-order", 2.0, TRATTORIA, t.plusSeconds(7), "81.2.69.160"));
    out.add(ui("u-55", "add-to-order", 1.5, TRATTORIA, t.plusSeconds(9), "81.2.69.160"));
    out.add(ui("u-55", "checkout", 12.0, TRATTORIA, t.plusSeconds(15), "81.2.69.160"));
    out.add(ui(null, "add-to-order", 3.0, SUSHI, t.plusSeconds(20), null));
    out.add(ui(null, "menu-ramen", 6.25, SUSHI, t.plusSeconds(21), null));
    out.add(ui("u-66", "add-to-order", null, null, t.plusSeconds(25), "89.160.20.112"));
    out.add(ui("4", "checkout", 8.0, TRATTORIA, l.plusSeconds(10), "216.160.83.56"));
    out.add(ui("u-66", "add-to-order", -1.0, TRATTORIA, t.plusSeconds(26), null)); // wrong_type
    return out;
  }

  /** The stagger windows of a-31 (window start, events, first, last, first time, last time). */
  static List<List<String>> staggerRowsOfA31(Instant t) {
    DateTimeFormatter mmss = DateTimeFormatter.ofPattern("mm:ss.SSS").withZone(ZoneOffset.UTC);
    Instant w2 = t.plusSeconds(30);
    return List.of(
        List.of(
            "A-3_MOB" + t.getEpochSecond(),
            "3",
            "OpenApp",
            "AddBeerToCart",
            mmss.format(t),
            mmss.format(t.plusMillis(12_250)),
            "12"),
        List.of(
            "A-3_MOB" + w2.getEpochSecond(),
            "1",
            "Checkout",
            "Checkout",
            mmss.format(t.plusSeconds(31)),
            mmss.format(t.plusSeconds(31)),
            "0"));
  }

  /** The gap sessions of the users that only these events have: user|device|start|end|events. */
  static List<String> gapSessionsOfUnseededUsers(Instant t, Instant l) {
    return List.of(
        row("a-31", "mobile", t, t.plusMillis(3_500), 2),
        row("a-31", "mobile", t.plusMillis(12_250), t.plusMillis(12_250), 1),
        row("a-31", "mobile", t.plusSeconds(31), t.plusSeconds(31), 1),
        row("a-77", "unknown", t.plusSeconds(40), t.plusSeconds(40), 1),
        row("a-77", "mobile", l.plusSeconds(5), l.plusSeconds(5), 1),
        row("a-77", "tablet", l.plusSeconds(5), l.plusSeconds(5), 1),
        row("u-55", "unknown", t.plusSeconds(5), t.plusSeconds(9), 3),
        row("u-55", "unknown", t.plusSeconds(15), t.plusSeconds(15), 1),
        row("u-66", "unknown", t.plusSeconds(25), t.plusSeconds(25), 1));
  }

  static String row(String user, String device, Instant start, Instant end, int events) {
    return user + "|" + device + "|" + start + "|" + end + "|" + events;
  }

  private static String app(
      String user, String device, String event, Instant time, String ip, String agent) {
    ObjectNode n = JSON.createObjectNode();
    n.put("user_id", user);
    if (device != null) {
      n.put("device_id", device);
    }
    n.put("client_event", event);
    n.put("client_timestamp", time.toEpochMilli()); // epoch milliseconds, as the app sends them
    if (ip != null) {
      n.put("user_ip", ip);
    }
    if (agent != null) {
      n.put("user_agent", agent);
    }
    return n.toString();
  }

  private static String ui(
      String user, String element, Double timeSpent, String restaurant, Instant time, String ip) {
    ObjectNode n = JSON.createObjectNode();
    n.put("element_clicked", element);
    if (timeSpent != null) {
      n.put("time_spent", timeSpent);
    }
    if (restaurant != null) {
      n.put("restaurant_name", restaurant);
    }
    n.put("created_at", TRACKER.format(time));
    if (user != null) {
      n.put("user_id", user);
    }
    if (ip != null) {
      n.put("user_ip", ip);
    }
    return n.toString();
  }
}
