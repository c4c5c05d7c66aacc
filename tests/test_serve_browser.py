"""govinfo serve in a real browser: Debian's Chromium driven by Selenium through chromedriver.

Drop a mixed folder, see the organs, open one, click a finding, accept it, reload and see it
accepted, download the 汇总 and read it back. ``GOVINFO_SCREENSHOTS=docs/_static/serve`` keeps a
screenshot of each page (the pictures in the guide).
"""

from __future__ import annotations

import datetime
import os
import shutil
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import govinfo

webdriver = pytest.importorskip("selenium.webdriver")
pytest.importorskip("flask")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromium-driver are not installed")

from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as arrived  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

from govinfo import serve  # noqa: E402


@pytest.fixture
def server(tmp_path: Path) -> Iterator[serve.Server]:
    started = serve.start(tmp_path / "工作区", port=0, jobs=2)
    thread = threading.Thread(target=started.run, daemon=True)
    thread.start()
    yield started
    started.close()
    thread.join(10)


@pytest.fixture
def browser() -> Iterator[Any]:
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    assert CHROMIUM is not None
    options.binary_location = CHROMIUM
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _folder(folder: Path) -> list[Path]:
    """What an office receives: a workbook, a published text, a web page and a Word file."""
    pytest.importorskip("docx")
    folder.mkdir()
    example = govinfo.example()
    (folder / "湛河区.txt").write_text(govinfo.example_text(), encoding="utf-8")
    govinfo.write_xlsx(attrs.evolve(example, organ="某市某局"), folder / "某局.xlsx")
    (folder / "某县.html").write_text(
        govinfo.render_html(attrs.evolve(example, organ="某县人民政府")), encoding="utf-8"
    )
    govinfo.render(attrs.evolve(example, organ="某区某委"), folder / "某委.docx", date=datetime.date(2025, 1, 20))
    return sorted(folder.iterdir())


def _shot(browser: Any, name: str) -> None:
    folder = os.environ.get("GOVINFO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(Path(folder) / f"{name}.png"))


def test_an_office_works_through_its_reports_in_the_browser(server: serve.Server, browser: Any, tmp_path: Path) -> None:
    files = _folder(tmp_path / "报送")
    wait = WebDriverWait(browser, 120)
    browser.get(server.address)
    assert "审核工作台" in browser.title
    chooser = browser.find_element(By.CSS_SELECTOR, "form.upload input[type=file]")
    chooser.send_keys("\n".join(str(f) for f in files))
    browser.find_element(By.CSS_SELECTOR, "form.upload button").click()
    # the page follows the reading and reloads once every file is read
    wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#files a")) == len(files))
    rows = browser.find_element(By.ID, "files").text
    for organ in ("湛河区人民政府", "某市某局", "某县人民政府", "某区某委"):
        assert organ in rows
    assert "已读取 4 / 4 个文件" in browser.find_element(By.ID, "reading").text
    listing = tmp_path / "名单.txt"
    listing.write_text("湛河区人民政府\n某市某局\n某县人民政府\n某区某委\n未报送的乡\n", encoding="utf-8")
    members = browser.find_element(By.CSS_SELECTOR, 'form[action="/members"]')
    members.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(listing))
    members.find_element(By.TAG_NAME, "button").click()
    wait.until(lambda b: "名单共 5 个单位" in members.find_element(By.CSS_SELECTOR, ".said").text)
    _shot(browser, "home")

    browser.find_element(By.LINK_TEXT, "湛河区人民政府").click()
    finding = wait.until(arrived.element_to_be_clickable((By.CSS_SELECTOR, ".finding.error")))
    assert "GI501" in finding.text
    finding.click()
    assert finding.find_element(By.CSS_SELECTOR, ".detail").is_displayed()
    assert "湛河区.txt:第 74 行" in finding.text  # where it stood, in the file as the office named it
    chosen = browser.find_elements(By.CSS_SELECTOR, "td.chosen")
    assert len(chosen) == 15  # every cell of table 四's row that the finding is about
    finding.find_element(By.NAME, "by").send_keys("张三")
    finding.find_element(By.NAME, "reason").send_keys("原文如此，已联系该单位")
    finding.find_element(By.CSS_SELECTOR, "button[value=accept]").click()
    wait.until(lambda b: "已接受" in finding.find_element(By.CSS_SELECTOR, ".status").text)
    _shot(browser, "report")

    browser.refresh()
    again = wait.until(arrived.presence_of_element_located((By.CSS_SELECTOR, ".finding.error")))
    assert "settled" in (again.get_attribute("class") or "")
    assert "已接受" in again.text

    browser.find_element(By.LINK_TEXT, "汇总").click()
    wait.until(arrived.presence_of_element_located((By.CSS_SELECTOR, "svg")))
    assert "下载汇总表" in browser.page_source
    assert "未报送的乡" in browser.page_source.split("名单中尚未报送的单位", 1)[1]
    _shot(browser, "summary")
    with urllib.request.urlopen(server.address + "download/aggregate.xlsx", timeout=60) as answer:
        total = govinfo.read(answer.read()).report
    assert total.requests.received.total == 4 * 212
