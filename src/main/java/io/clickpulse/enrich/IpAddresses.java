package io.clickpulse.enrich;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals from untrusted input: parsed without ever resolving a host name, told public
 * or not, and anonymized the way Google Analytics does (last octet / last 80 bits zeroed).
 */
public final class IpAddresses {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private IpAddresses() {}

  /** The address, if the text is an IPv4 or IPv6 literal (InetAddress would resolve a name). */
  public static Optional<InetAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim();
    boolean v4 = IPV4.matcher(t).matches();
    if (!v4 && !(t.indexOf(':') >= 0 && IPV6.matcher(t).matches())) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(t));
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * Loopback, private (RFC 1918, fc00::/7), link-local, multicast, unspecified, CGNAT: not
   * locatable.
   */
  public static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (b.length == 16) {
      return (b[0] & 0xfe) != 0xfc;
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    boolean cgnat = first == 100 && second >= 64 && second <= 127;
    boolean reserved = first == 0 || first >= 240;
    return !cgnat && !reserved;
  }

  /** 203.0.113.77 → 203.0.113.0; 2001:db8:1:2:3:4:5:6 → 2001:db8:1:0:0:0:0:0 (keeps 48 bits). */
  public static Optional<String> anonymize(String text) {
    return parse(text)
        .map(
            a -> {
              byte[] b = a.getAddress();
              int keep = b.length == 4 ? 3 : 6;
              for (int i = keep; i < b.length; i++) {
                b[i] = 0;
              }
              try {
                return InetAddress.getByAddress(b).getHostAddress();
              } catch (UnknownHostException e) {
                throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
              }
            });
  }
}
