// Board administration: the live contrast check on the branding form. Loaded as a file (the
// Content-Security-Policy allows no inline script); the server checks the same rule on save.
(function () {
  "use strict";
  var MIN = 4.5;
  var HEX = /^#[0-9a-fA-F]{6}$/;

  function channel(v) {
    var c = v / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
  function luminance(hex) {
    var r = parseInt(hex.substr(1, 2), 16), g = parseInt(hex.substr(3, 2), 16), b = parseInt(hex.substr(5, 2), 16);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  }
  function ratio(a, b) {
    var la = luminance(a), lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }
  function describe(label, fg, bg) {
    if (!HEX.test(fg) || !HEX.test(bg)) { return label + ": enter colours like #1d4f91"; }
    var r = ratio(fg, bg);
    var text = label + ": " + r.toFixed(1) + ":1";
    return r < MIN ? text + " — too low, it must be at least " + MIN + ":1 (this would be refused)" : text + " — passes";
  }

  function start() {
    var form = document.getElementById("branding-form");
    if (!form) { return; }
    var field = function (name) { return form.querySelector("[data-colour-field='" + name + "']"); };
    var primary = field("primary_colour"), text = field("primary_text_colour"), link = field("link_colour");
    var header = document.getElementById("contrast-header"), links = document.getElementById("contrast-links");
    var swatchHeader = document.getElementById("swatch-header"), swatchLink = document.getElementById("swatch-link");

    function update() {
      header.textContent = describe("Header text on the header colour", text.value, primary.value);
      links.textContent = describe("Links on a white page", link.value, "#ffffff");
      // CSSOM changes are allowed by the policy; inline style attributes are not.
      if (HEX.test(primary.value)) { swatchHeader.style.backgroundColor = primary.value; }
      if (HEX.test(text.value)) { swatchHeader.style.color = text.value; }
      if (HEX.test(link.value)) { swatchLink.style.color = link.value; }
    }
    Array.prototype.forEach.call(form.querySelectorAll("[data-colour-for]"), function (picker) {
      var target = document.getElementById(picker.getAttribute("data-colour-for"));
      picker.addEventListener("input", function () { target.value = picker.value; update(); });
      target.addEventListener("input", function () {
        if (HEX.test(target.value)) { picker.value = target.value.toLowerCase(); }
        update();
      });
    });
    update();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
