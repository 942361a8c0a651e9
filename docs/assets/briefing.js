/* Briefing: the reader's controls on article pages. Hand-written; the generator never touches it.
 *
 * 1. "Highlight mentions": later mentions are quiet spans; the control (made here) lights every
 *    mention of one entry (data-entry) or of all of them.
 * 2. A tap on a mention on a touch screen (which has no hover, so no tooltip) opens a small
 *    dialog with the entry's summary and a link to its profile: focusable, closed by Escape, by
 *    its button or by a tap elsewhere, and focus returns to the mention.
 * 3. The "In this article" links take their hover text from the entries' first mentions.
 * No third-party code; nothing is fetched.
 */
(function () {
  "use strict";

  // The control is made here from the page's "In this article" box (a paragraph per category:
  // its title in <strong>, then a link per entry with its key in data-entry) and the mentions in
  // the text: the same few lines on every article, not written into thousands of pages.
  function highlight() {
    var box = document.querySelector(".md-typeset .admonition.briefing-in-article");
    if (!box) return;
    var text = document.querySelectorAll(".md-typeset a.mention[data-entry], .md-typeset span[data-entry]");
    var counts = {}, total = 0;
    for (var i = 0; i < text.length; i++) {
      var key = text[i].getAttribute("data-entry");
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
      var links = groups[g].querySelectorAll("a[data-entry]");
      for (var l = 0; l < links.length; l++) {
        var entry = links[l].getAttribute("data-entry");
        if (counts[entry]) group.append(new Option(links[l].textContent + " (" + counts[entry] + ")", entry));
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
        var first = document.querySelector('.md-typeset a.mention[data-entry="' + CSS.escape(key) + '"]');
        classes[key] = first ? first.className.replace(/\s*\bmention-lit\b/g, "") : "mention";
      }
      return classes[key];
    }
    function apply() {
      var value = control.value;
      for (var i = 0; i < text.length; i++) {
        var key = text[i].getAttribute("data-entry");
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

  // The entry a mention names: its own link, or (a later mention) the first mention's link.
  function entryOf(element) {
    var link = element.tagName === "A" ? element : null;
    var key = element.getAttribute("data-entry");
    if (!link && key) {
      link = document.querySelector('.md-typeset a.mention[data-entry="' + CSS.escape(key) + '"]');
    }
    if (!link) return null;
    var summary = link.getAttribute("title") || link.getAttribute("data-briefing-summary") || "";
    if (!summary) return null;
    var name = link.textContent;
    // The "In this article" box names every entry in full, with the same link.
    var listed = document.querySelectorAll(".md-typeset .admonition a[href]");
    for (var i = 0; i < listed.length; i++) {
      if (listed[i].href === link.href) { name = listed[i].textContent; break; }
    }
    return {name: name, summary: summary, href: link.href};
  }

  function open(element, entry) {
    popover = popover || build();
    opener = element;
    popover.querySelector(".briefing-popover__name").textContent = entry.name;
    popover.querySelector(".briefing-popover__summary").textContent = entry.summary;
    var link = popover.querySelector(".briefing-popover__link");
    link.href = entry.href;
    link.textContent = "Profile of " + entry.name;
    popover.hidden = false;
    var rect = element.getBoundingClientRect();
    var width = popover.offsetWidth;
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    popover.style.left = left + "px";
    popover.style.top = (rect.bottom + window.scrollY + 6) + "px";
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
      event.preventDefault();
      // A quiet span is not focusable: make it so, for focus to come back to it.
      if (mention.tagName !== "A" && !mention.hasAttribute("tabindex")) mention.tabIndex = -1;
      open(mention, entry);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && popover && !popover.hidden) close(true);
    });
  }

  // Material keeps the summary as a tooltip (it moves the title away); keep a copy for taps.
  function keepSummaries() {
    var links = document.querySelectorAll(".md-typeset a.mention[title]");
    for (var i = 0; i < links.length; i++) links[i].setAttribute("data-briefing-summary", links[i].getAttribute("title"));
  }

  // The "In this article" box's links get their summaries (hover text) from the entries' first
  // mentions in the text, rather than each article carrying every summary twice.
  function boxSummaries() {
    var links = document.querySelectorAll(".md-typeset .briefing-in-article a[data-entry]:not([title])");
    for (var i = 0; i < links.length; i++) {
      var first = document.querySelector('.md-typeset a.mention[title][data-entry="' + CSS.escape(links[i].getAttribute("data-entry")) + '"]');
      if (first) links[i].title = first.title;
    }
  }

  // Now, not at DOMContentLoaded: Material makes its tooltips from the titles at that event, and
  // its listener was added first (this script comes after its bundle, at the end of the body).
  boxSummaries();

  function start() { keepSummaries(); highlight(); touch(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
