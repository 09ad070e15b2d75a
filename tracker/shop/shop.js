// The demo shop: a few products of the seeded catalog (ids from 100001), a cart in localStorage,
// and the tracker's calls on each page. ?user=ID on any page logs that user in (identify).
(function () {
  "use strict";
  var PRODUCTS = [
    { id: 100001, name: "Trail running shoes", price: 89.9, text: "Light, grippy and made for mud." },
    { id: 100002, name: "Merino base layer", price: 59.0, text: "Warm when wet, soft on the skin." },
    { id: 100003, name: "Trekking poles", price: 74.5, text: "Carbon, foldable, 280 g the pair." },
    { id: 100004, name: "Headlamp 400 lm", price: 39.95, text: "Red light mode, USB-C charging." }
  ];
  var params = new URLSearchParams(location.search);
  if (params.get("user")) { clickpulse.identify(params.get("user")); }

  function byId(id) {
    return PRODUCTS.filter(function (p) { return p.id === Number(id); })[0];
  }
  function cart() { return JSON.parse(localStorage.getItem("shop.cart") || "[]"); }
  function saveCart(c) { localStorage.setItem("shop.cart", JSON.stringify(c)); }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  var page = document.body.getAttribute("data-page");
  document.getElementById("who").textContent = "user " + clickpulse.userId();
  clickpulse.pageView();

  if (page === "home") {
    var list = document.getElementById("products");
    var query = params.get("q");
    if (query) { clickpulse.search(query); }
    PRODUCTS.filter(function (p) {
      return !query || p.name.toLowerCase().indexOf(query.toLowerCase()) >= 0;
    }).forEach(function (p) {
      var li = el("li");
      li.appendChild(el("a", { href: "product.html?id=" + p.id, "class": "product", "data-id": p.id }, p.name));
      li.appendChild(document.createTextNode(" " + p.price.toFixed(2) + " EUR"));
      list.appendChild(li);
    });
  } else if (page === "product") {
    var p = byId(params.get("id")) || PRODUCTS[0];
    document.getElementById("name").textContent = p.name;
    document.getElementById("price").textContent = p.price.toFixed(2) + " EUR";
    var details = document.getElementById("details");
    for (var i = 0; i < 30; i++) { details.appendChild(el("p", {}, p.text)); }
    clickpulse.productView(p.id, p.price);
    document.getElementById("add-to-cart").addEventListener("click", function () {
      var c = cart();
      c.push({ productId: p.id, price: p.price });
      saveCart(c);
      clickpulse.addToCart(p.id, p.price);
      document.getElementById("added").textContent = "added (" + c.length + " in cart)";
    });
  } else if (page === "cart") {
    var items = document.getElementById("items");
    cart().forEach(function (i) {
      items.appendChild(el("li", {}, byId(i.productId).name + " " + i.price.toFixed(2) + " EUR"));
    });
    document.getElementById("buy").addEventListener("click", function () {
      var c = cart();
      clickpulse.purchase(c);
      clickpulse.flush();
      saveCart([]);
      document.getElementById("thanks").textContent = "Thank you: " + c.length + " items ordered";
    });
  }
})();
