// After a search result is followed (?h=words), bring the first highlighted word into view:
// Material marks the words but opens the page at its top.
document$.subscribe(function () {
  var params = new URLSearchParams(window.location.search);
  if (!params.get("h") || window.location.hash) {
    return;
  }
  var mark = document.querySelector("article mark");
  if (mark) {
    mark.scrollIntoView({ block: "center" });
  }
});
