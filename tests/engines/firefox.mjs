// The three-engine smoke suite's Firefox: Debian's firefox-esr driven over WebDriver BiDi by
// puppeteer-core (which downloads no browser). Reads the steps (tests/test_engines.py) as JSON
// on stdin, runs them in order, prints each step's result as JSON.
import puppeteer from "puppeteer-core";

const FIREFOX = process.env.FIREFOX || "/usr/bin/firefox-esr";
const steps = JSON.parse(await new Promise((done) => {
  let text = "";
  process.stdin.on("data", (chunk) => { text += chunk; });
  process.stdin.on("end", () => done(text));
}));

const browser = await puppeteer.launch({
  browser: "firefox", executablePath: FIREFOX, headless: true, protocol: "webDriverBiDi",
});
// the page's state when a step fails: where it stands and what has the focus
const SEEN = `JSON.stringify({ url: location.href, scrollY: Math.round(scrollY), height: innerHeight,
  focus: document.activeElement && (document.activeElement.id || document.activeElement.tagName),
  value: document.activeElement && document.activeElement.value,
  message: (document.querySelector("#goto-page-message") || {}).textContent })`;
const results = [];
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(20000);
  for (const [index, step] of steps.entries()) {
    let result = null;
    try {
      if (step.viewport) await page.setViewport({ width: step.viewport[0], height: step.viewport[1] });
      else if (step.goto) await page.goto(step.goto, { waitUntil: "load" });
      else if (step.wait) await page.waitForFunction(step.wait, { polling: 100 });
      else if (step.eval) result = await page.evaluate(step.eval);
      else if (step.hover) await page.hover(step.hover);
      else if (step.click) await page.click(step.click);
      else if (step.type) await page.type(step.type[0], step.type[1]);
      else if (step.press) await page.keyboard.press(step.press);
      else if (step.shot) await page.screenshot({ path: step.shot });
    } catch (error) {
      // which step failed, not only Puppeteer's "Waiting failed", and what the page showed
      const seen = await page.evaluate(SEEN).catch((failure) => String(failure));
      error.message = `step ${index} ${JSON.stringify(step).slice(0, 160)}: ${error.message}; page: ${seen}`;
      throw error;
    }
    results.push(result);
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));
