// Moved out of the page so the Content-Security-Policy can forbid inline scripts.
document.querySelectorAll(".use-material").forEach(function (b) {
  b.addEventListener("click", function () {
    var text = document.querySelector("#" + b.dataset.target + " .material-body").textContent.trim();
    var area = document.getElementById("narrative");
    area.value = (area.value.trim() ? area.value.trim() + "\n" : "") + text;
    area.focus();
  });
});
