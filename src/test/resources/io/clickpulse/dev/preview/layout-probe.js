// The browser test's probe, added to a copy of the dashboard preview: once every chart has
// rendered, it measures the page as laid out in this window and writes what it found, as JSON, into
// the hidden element #layout-report. It judges nothing; the test asserts on what it reports.
(() => {
  const box = e => {
    const r = e.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  };
  const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1
    && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  // labels closer than 1.5 px count as overlapping: they read as one
  const overlap = (a, b) => a.left < b.right + 1.5 && b.left < a.right + 1.5
    && a.top < b.bottom + 1.5 && b.top < a.bottom + 1.5;
  const shown = e => !e.closest('[opacity="0"]') && e.textContent.trim() !== ''
    && getComputedStyle(e).visibility !== 'hidden' && e.getClientRects().length > 0;
  const translateX = e => {
    const m = /translate\(\s*(-?[\d.e+-]+)/.exec(e.getAttribute('transform') || '');
    return m ? Number(m[1]) : NaN;
  };
  function probe() {
    const out = {
      innerWidth: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      scrollHeight: document.documentElement.scrollHeight,
      visibleText: document.body.innerText,
      cards: {}
    };
    for (const card of document.querySelectorAll('.card')) {
      const id = card.dataset.visual;
      const cardBox = box(card);
      const outside = [];
      for (const e of card.querySelectorAll('svg, canvas, .vis, table, h2, p, details')) {
        if (e.closest('.vis.table') && e.tagName === 'TABLE') {
          continue; // the table scrolls inside its own box, which is checked as .vis
        }
        if (!inside(box(e), cardBox)) {
          outside.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + JSON.stringify(box(e)));
        }
      }
      for (const t of card.querySelectorAll('svg text')) {
        if (shown(t) && !inside(box(t), cardBox)) {
          outside.push('text "' + t.textContent + '" ' + JSON.stringify(box(t)));
        }
      }
      const overlapping = [];
      for (const axis of card.querySelectorAll('g.role-axis')) {
        const labels = [...axis.querySelectorAll('.role-axis-label text')].filter(shown);
        for (let i = 0; i < labels.length; i++) {
          for (let j = i + 1; j < labels.length; j++) {
            if (overlap(box(labels[i]), box(labels[j]))) {
              overlapping.push(labels[i].textContent + ' / ' + labels[j].textContent);
            }
          }
        }
      }
      const view = views[id];
      const timeTicks = [];
      const x = view && (() => { try { return view.scale('x'); } catch (e) { return null; } })();
      if (x && (x.type === 'utc' || x.type === 'time')) {
        for (const axis of card.querySelectorAll('g.role-axis')) {
          if (!(axis.getAttribute('aria-label') || '').startsWith('X-axis')) {
            continue;
          }
          for (const t of axis.querySelectorAll('.role-axis-label text')) {
            if (shown(t)) {
              timeTicks.push({label: t.textContent, epoch: +x.invert(translateX(t))});
            }
          }
        }
      }
      const lines = [...card.querySelectorAll('g.mark-line.role-mark')].map(g => ({
        segments: [...g.querySelectorAll('path')].map(p => (p.getAttribute('d') || '').split('M').length - 1)
          .reduce((a, b) => a + b, 0)
      }));
      [...card.querySelectorAll('g.mark-symbol.role-mark')].forEach((g, i) => {
        if (lines[i]) {
          lines[i].points = g.querySelectorAll('path').length;
        }
      });
      const note = card.querySelector('.note');
      out.cards[id] = {box: cardBox, note: note ? note.textContent : null, outside, overlapping, timeTicks, lines};
    }
    write(out);
  }
  function write(out) {
    const el = document.createElement('script');
    el.type = 'application/json';
    el.id = 'layout-report';
    el.textContent = JSON.stringify(out).replace(/</g, '\\u003c');
    document.body.appendChild(el);
  }
  const wait = () => {
    if (document.getElementById('render-report').textContent) {
      setTimeout(() => {
        try {
          probe();
        } catch (e) {
          write({error: String(e) + ' ' + e.stack});
        }
      }, 100);
    } else {
      setTimeout(wait, 50);
    }
  };
  wait();
})();
