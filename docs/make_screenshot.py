"""Render the seed's review page (with its gold) and save a screenshot for the README.

    python docs/make_screenshot.py            # writes docs/img/review-page.png

Needs Debian's chromium + chromium-driver and ``pip install selenium``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from policyparse import extract
from policyparse.evaluate import load_gold
from policyparse.view import open_headless, render_page

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    seed = ROOT / "corpus" / "000_3da7e75e57ff61a1.txt"
    doc = extract(seed, source="corpus/000_3da7e75e57ff61a1.txt")
    gold = load_gold(ROOT / "corpus" / "000_3da7e75e57ff61a1.gold.jsonl", doc.text)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(render_page(doc, gold), encoding="utf-8")
        driver = open_headless(str(Path(tmp) / "profile"), size="1280,900")
        try:
            driver.get(page.as_uri())
            from selenium.webdriver.common.by import By

            claims = driver.find_elements(By.CSS_SELECTOR, ".claim")
            driver.execute_script("arguments[0].scrollIntoView({block:'center'})", claims[0])
            claims[0].click()
            out = ROOT / "docs" / "img" / "review-page.png"
            driver.save_screenshot(str(out))
            print(f"wrote {out}")
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
