/* Briefing: the reader's controls on article pages. Hand-written; the generator never touches it.
 *
 * 1. "Highlight mentions": later mentions are quiet spans; the control (made here) lights every
 *    mention of one entry or of all of them.
 * 2. A tap on a mention on a touch screen (which has no hover, so no tooltip) opens a small
 *    dialog with the entry's summary and a link to its profile: focusable, closed by Escape, by
 *    its button or by a tap elsewhere, and focus returns to the mention.
 * 3. Hover text: a link to an entry shows the entry's summary (glossary/summaries.json, fetched
 *    once, when a reader first points at one: pages carry no summaries).
 * An entry is known by its key ("people/kim-jong-un"): a link's is its target's path under
 * glossary/ (the generator's routes make the key the path), a quiet span's is the key its number
 * (data-e) stands for in the text's data-entries (the keys written once a page, not per mention).
 * No third-party code; nothing is fetched but that file.
 */
(function () {
  "use strict";

  // Where glossary/summaries.json is (the page's <meta name="briefing-summaries">), and the
  // glossary folder beside it: every entry's profile is <folder><key>/ (or <key>.html).
  var meta = document.querySelector('meta[name="briefing-summaries"]');
  var summariesUrl = meta ? new URL(meta.content, location.href) : null;
  var glossary = summariesUrl ? new URL(".", summariesUrl).href : null;
  var PROFILE = /^([^/?#]+\/[^/?#]+?)(?:\/(?:index\.html)?|\.html)(?:[?#].*)?$/;

  // The key of the entry an element names: a link's from its target, a quiet span's from its
  // number in data-entries; null for anything else (a link to an article, a category, a mentions page).
  function keyOf(element) {
    if (element.tagName !== "A") return quietKey(element);
    // (an SVG link's href is no string: the maps' nodes are not mentions)
    if (!glossary || typeof element.href !== "string" || element.href.indexOf(glossary) !== 0) return null;
    var match = PROFILE.exec(element.href.slice(glossary.length));
    return match ? decodeURIComponent(match[1]) : null;
  }

  var tables = new WeakMap();  // element with data-entries -> its keys, split once
  function quietKey(element) {
    var number = element.getAttribute("data-e");
    var table = number === null ? null : element.closest("[data-entries]");
    if (!table) return null;
    if (!tables.has(table)) tables.set(table, table.getAttribute("data-entries").split(" "));
    return tables.get(table)[Number(number)] || null;
  }

  // An entry's first mention in the text: the link that later mentions (spans) stand for.
  var firsts = null;
  function firstMention(key) {
    if (!firsts) {
      firsts = {};
      var links = document.querySelectorAll(".md-typeset a.mention");
      for (var i = 0; i < links.length; i++) {
        var found = keyOf(links[i]);
        if (found && !(found in firsts)) firsts[found] = links[i];
      }
    }
    return firsts[key] || null;
  }

  // The mentions in the text: every linked first mention and every quiet span.
  function mentions() {
    var all = document.querySelectorAll(".md-typeset a.mention, .md-typeset span[data-e]");
    return Array.prototype.filter.call(all, function (element) { return keyOf(element); });
  }

  // Put ``box`` (absolutely positioned) ``gap`` pixels below ``anchor``, inside the viewport's width.
  function placeBelow(box, anchor, gap) {
    var rect = anchor.getBoundingClientRect();
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8));
    box.style.left = left + "px";
    box.style.top = (rect.bottom + window.scrollY + gap) + "px";
  }

  // The control is made here from the page's "In this article" box (a paragraph per category:
  // its title in <strong>, then a link per entry) and the mentions in the text: the same few
  // lines on every article, not written into thousands of pages.
  function highlight() {
    var box = document.querySelector(".md-typeset .admonition.briefing-in-article");
    if (!box) return;
    var text = mentions();
    var counts = {}, total = 0;
    for (var i = 0; i < text.length; i++) {
      var key = keyOf(text[i]);
      counts[key] = (counts[key] || 0) + 1;
      total++;
    }
    if (!total) return;
    var control = document.createElement("select");
    control.id = "briefing-highlight";
    control.append(new Option("First mentions only (links)", ""),
                   new Option("Every mention of every entry (" + total + ")", "*"));
    var groups = box.querySelectorAll("p:not(.admonition-title)");
    for (var g = 0; g < groups.length; g++) {
      var title = groups[g].querySelector("strong");
      var group = document.createElement("optgroup");
      group.label = title ? title.textContent.replace(/:\s*$/, "") : "";
      var links = groups[g].querySelectorAll("a[href]");
      for (var l = 0; l < links.length; l++) {
        var entry = keyOf(links[l]);
        if (entry && counts[entry]) group.append(new Option(links[l].textContent + " (" + counts[entry] + ")", entry));
      }
      if (group.children.length) control.append(group);
    }
    var wrapper = document.createElement("div");
    wrapper.className = "briefing-highlight";
    var label = document.createElement("label");
    label.htmlFor = control.id;
    label.textContent = "Highlight mentions";
    wrapper.append(label, control);
    box.after(wrapper);
    // A quiet mention has only its key; lit, it takes its first mention's classes (the category's style).
    var classes = {};
    function classesOf(key) {
      if (!(key in classes)) {
        var first = firstMention(key);
        classes[key] = first ? first.className.replace(/\s*\bmention-lit\b/g, "") : "mention";
      }
      return classes[key];
    }
    function apply() {
      var value = control.value;
      for (var i = 0; i < text.length; i++) {
        var key = keyOf(text[i]);
        var lit = value === "*" || (value !== "" && key === value);
        if (text[i].tagName === "A") text[i].classList.toggle("mention-lit", lit);
        else if (lit) text[i].className = classesOf(key) + " mention-lit";
        else text[i].removeAttribute("class");
      }
    }
    control.addEventListener("change", apply);
  }

  // ------------------------------------------------------------------ touch: summary on tap

  var lastPointer = "";
  var popover = null;
  var opener = null;

  function build() {
    var box = document.createElement("div");
    box.className = "briefing-popover";
    box.id = "briefing-popover";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "false");
    box.setAttribute("aria-labelledby", "briefing-popover-name");
    box.setAttribute("aria-describedby", "briefing-popover-summary");
    box.tabIndex = -1;
    box.hidden = true;
    box.innerHTML =
      '<p class="briefing-popover__name" id="briefing-popover-name"></p>' +
      '<p class="briefing-popover__summary" id="briefing-popover-summary"></p>' +
      '<p class="briefing-popover__actions"><a class="briefing-popover__link"></a>' +
      '<button type="button" class="briefing-popover__close">Close</button></p>';
    box.querySelector("button").addEventListener("click", function () { close(true); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(true); }
    });
    box.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !box.contains(event.relatedTarget) && event.relatedTarget !== opener) close(false);
    });
    document.body.appendChild(box);
    return box;
  }

  // The entry a mention or a link names: its key, its profile's address (a later mention's from
  // the first mention's link) and, once glossary/summaries.json has come, its name and summary.
  function entryOf(element) {
    var key = keyOf(element);
    if (!key) return null;
    var link = element.tagName === "A" ? element
      : firstMention(key);
    if (!link) return null;
    return {key: key, name: link.textContent, summary: "", href: link.href};
  }

  function fill(entry) {
    popover.querySelector(".briefing-popover__name").textContent = entry.name;
    popover.querySelector(".briefing-popover__summary").textContent = entry.summary;
    var link = popover.querySelector(".briefing-popover__link");
    link.href = entry.href;
    link.textContent = "Profile of " + entry.name;
  }

  function open(element, entry) {
    popover = popover || build();
    opener = element;
    hideTip();
    fill(entry);
    withSummary(entry).then(function (known) { if (opener === element && !popover.hidden) fill(known); });
    popover.hidden = false;
    placeBelow(popover, element, 6);
    element.setAttribute("aria-expanded", "true");
    element.setAttribute("aria-controls", popover.id);
    popover.focus();
  }

  function close(refocus) {
    if (!popover || popover.hidden) return;
    popover.hidden = true;
    if (opener) {
      opener.removeAttribute("aria-expanded");
      if (refocus) opener.focus({preventScroll: true});
    }
    opener = null;
  }

  function touch() {
    document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);
    document.addEventListener("click", function (event) {
      var target = event.target instanceof Element ? event.target : null;
      if (popover && !popover.hidden && target && !popover.contains(target)) close(false);
      var touched = lastPointer === "touch" || (lastPointer === "" && window.matchMedia("(hover: none)").matches);
      if (!touched || !target) return;
      var mention = target.closest(".md-typeset a.mention, .md-typeset span.mention.mention-lit");
      if (!mention || (popover && popover.contains(mention))) return;
      var entry = entryOf(mention);
      if (!entry) return;
      event.preventDefault();  // at once: the summary may still be on its way
      // A quiet span is not focusable: make it so, for focus to come back to it.
      if (mention.tagName !== "A" && !mention.hasAttribute("tabindex")) mention.tabIndex = -1;
      open(mention, entry);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && popover && !popover.hidden) close(true);
    });
  }

  // ------------------------------------------------------------------ summaries: hover text

  // Every entry's name and summary by key (glossary/summaries.json), fetched once, when a reader
  // first points at a link to an entry. Pages carry no summaries.
  var summaries = null;
  function loadSummaries() {
    if (!summaries) {
      summaries = !summariesUrl ? Promise.resolve({}) : fetch(summariesUrl)
        .then(function (response) { return response.ok ? response.json() : {}; })
        .catch(function () { summaries = null; return {}; });  // offline: try again next time
    }
    return summaries;
  }

  function withSummary(entry) {
    return loadSummaries().then(function (all) {
      var known = all[entry.key];
      return known ? {key: entry.key, name: known[0], summary: known[1], href: entry.href} : entry;
    });
  }

  // A link to an entry shows its summary below it while pointed at or focused, as a tooltip
  // (role=tooltip, the link's aria-describedby); Escape, leaving or scrolling hides it.
  var tip = null, tipFor = null, tipTimer = 0;

  function showTip(link) {
    withSummary(entryOf(link)).then(function (entry) {
      if (tipFor !== link || !entry.summary) return;
      if (!tip) {
        tip = document.createElement("div");
        tip.className = "briefing-tooltip";
        tip.id = "briefing-tooltip";
        tip.setAttribute("role", "tooltip");
        document.body.appendChild(tip);
      }
      tip.textContent = entry.summary;
      tip.hidden = false;
      placeBelow(tip, link, 4);
      link.setAttribute("aria-describedby", tip.id);
    });
  }

  function hideTip() {
    clearTimeout(tipTimer);
    if (tipFor) tipFor.removeAttribute("aria-describedby");
    tipFor = null;
    if (tip) tip.hidden = true;
  }

  function point(link, delay) {
    if (link === tipFor) return;
    hideTip();
    tipFor = link;
    loadSummaries();
    tipTimer = setTimeout(function () { showTip(link); }, delay);
  }

  function linkIn(target) {
    var link = target instanceof Element ? target.closest(".md-typeset a[href]") : null;
    return link && !link.closest("svg") && keyOf(link) ? link : null;  // a map's node has its own <title>
  }

  function hover() {
    document.addEventListener("pointerover", function (event) {
      var link = linkIn(event.target);
      if (link && event.pointerType !== "touch") point(link, 250);
    });
    document.addEventListener("pointerout", function (event) {
      var link = linkIn(event.target);
      if (link && link === tipFor && !link.contains(event.relatedTarget) && document.activeElement !== link) hideTip();
    });
    document.addEventListener("focusin", function (event) {
      var link = linkIn(event.target);
      if (link) point(link, 0);
    });
    document.addEventListener("focusout", function (event) {
      if (event.target === tipFor) hideTip();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hideTip();
    });
    // A shown tooltip would stay behind as the page moves; one still to come is placed when shown.
    window.addEventListener("scroll", function () { if (tip && !tip.hidden) hideTip(); }, {passive: true});
  }

  function start() { highlight(); hover(); touch(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
