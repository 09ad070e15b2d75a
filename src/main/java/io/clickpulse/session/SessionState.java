package io.clickpulse.session;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming state of one user on one device: the events of sessions not yet closed, and the ids of
 * events already emitted (in a closed session, or as late) with their event time, kept for the
 * dedup retention so a re-read or retry of them is not counted again.
 */
public class SessionState implements Serializable {
  private static final long serialVersionUID = 1L;
  private List<OpenEvent> open = new ArrayList<>();
  private Map<String, Long> emitted = new HashMap<>();

  public List<OpenEvent> getOpen() {
    return open;
  }

  public void setOpen(List<OpenEvent> open) {
    this.open = open;
  }

  public Map<String, Long> getEmitted() {
    return emitted;
  }

  public void setEmitted(Map<String, Long> emitted) {
    this.emitted = emitted;
  }
}
