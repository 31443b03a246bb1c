"""The review page: structure in Python, behaviour in a real headless browser."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from policyparse.records import Claim, Document, Measure, Status, Task
from policyparse.view import render_page

TEXT = "今年上半年,工业投资完成45.56亿元,增速41.07%。要力争全年建成10个示范智能工厂。"


def _doc() -> Document:
    def c(cid: str, surface: str, value: str, unit: str, status: Status, ind: str) -> Claim:
        s = TEXT.index(surface)
        sent_end = TEXT.index("。") + 1
        sent = (0, sent_end) if s < sent_end else (sent_end, len(TEXT))
        return Claim(
            id=cid, span=(s, s + len(surface)), text=surface, value=Decimal(value), unit=unit,
            unit_text=surface.lstrip("0123456789."), measure=Measure.LEVEL, status=status,
            indicator=ind, sentence=sent,
        )

    claims = [
        c("c0", "45.56亿元", "4556000000", "CNY", Status.ACTUAL, "工业投资"),
        c("c1", "41.07%", "41.07", "%", Status.ACTUAL, "工业投资"),
        c("c2", "10个", "10", "count", Status.TARGET, "示范智能工厂"),
    ]
    s = TEXT.index("要力争")
    task = Task(id="t0", span=(s, len(TEXT)), text=TEXT[s:], actions=["建成10个示范智能工厂"],
                targets=["c2"])
    return Document(doc_id="x", sha256="0" * 64, text=TEXT, title="测试", claims=claims, tasks=[task])


def test_page_is_self_contained_and_marks_every_record() -> None:
    page = render_page(_doc())
    assert "http://" not in page and "https://" not in page
    assert page.count('class="claim actual"') == 2
    assert page.count('class="claim target"') == 1
    assert page.count('class="task"') >= 1
    assert "45.56亿元</span>" in page


def test_text_is_escaped() -> None:
    doc = Document(doc_id="x", sha256="0" * 64, text="<script>alert(1)</script>&")
    page = render_page(doc)
    assert "<script>alert(1)</script>&" not in page
    assert "&lt;script&gt;" in page


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
REQUIRED = os.environ.get("POLICYPARSE_REQUIRE_BROWSER") == "1"


@pytest.mark.browser
@pytest.mark.skipif(
    not (CHROMIUM and DRIVER) and not REQUIRED,
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver); "
    ".ci/run installs them and sets POLICYPARSE_REQUIRE_BROWSER=1",
)
def test_page_in_headless_chromium(tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from policyparse.view import open_headless

    page = tmp_path / "page.html"
    page.write_text(render_page(_doc()), encoding="utf-8")
    driver = open_headless(str(tmp_path / "profile"), chromium=CHROMIUM, driver=DRIVER)
    try:
        driver.get(page.as_uri())
        claims = driver.find_elements(By.CSS_SELECTOR, ".claim")
        assert [c.text for c in claims] == ["45.56亿元", "41.07%", "10个"]
        assert driver.find_element(By.ID, "n-visible").text == "3"
        ActionChains(driver).move_to_element(claims[0]).perform()
        tip = driver.find_element(By.ID, "tip")
        assert tip.is_displayed() and "工业投资" in tip.text and "actual" in tip.text
        claims[2].click()
        assert "示范智能工厂" in driver.find_element(By.ID, "detail").text
        driver.find_element(By.CSS_SELECTOR, '.f-status[value="actual"]').click()
        assert driver.find_element(By.ID, "n-visible").text == "1"
        Select(driver.find_element(By.ID, "f-indicator")).select_by_value("示范智能工厂")
        assert driver.find_element(By.ID, "n-visible").text == "1"
        shot = tmp_path / "review.png"
        assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 1000
    finally:
        driver.quit()
