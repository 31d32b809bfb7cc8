"""The console in headless Chromium: a clerk drafts and submits an item, the admin adopts it,
and the unit's points on the dashboard go up; then the admin checks a rule file in the
editor. Screenshots of each step go to ARTIFACTS.

Usage: console_test.py BASE_URL ARTIFACTS (run by Tests/browser/run.sh on a `tally demo` service).
"""
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "tally-demo-2026"
CLERK = "dept-001-p1"
ADMIN = "city-admin-1"


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900", "--lang=zh-CN"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(1366, 900)
    return driver


class Console:
    def __init__(self, driver, base, artifacts):
        self.driver, self.base, self.artifacts, self.step = driver, base, artifacts, 0

    def open(self, path):
        self.driver.get(self.base + path)

    def shot(self, name):
        self.step += 1
        path = f"{self.artifacts}/{self.step:02d}-{name}.png"
        self.driver.save_screenshot(path)
        print(f"screenshot {path}")

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def submit(self, css):
        """Clicks a form's button and waits for the page the form leads to."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.find(css).click()
        WebDriverWait(self.driver, 60).until(expected_conditions.staleness_of(page))

    def sign_in(self, login):
        self.open("/login")
        self.find("input[name=login]").send_keys(login)
        self.find("input[name=password]").send_keys(PASSWORD)
        self.shot(f"login-{login}")
        self.submit("#login-submit")
        assert "退出登录" in self.driver.page_source, f"{login} is not signed in: {self.driver.title}"

    def sign_out(self):
        self.submit("#logout")
        assert self.driver.current_url.endswith("/login"), self.driver.current_url

    def points(self, unit):
        """The unit's points in the dashboard's ranking."""
        self.open("/")
        cell = self.find(f'td.points[data-unit="{unit}"]')
        return float(cell.text.replace("分", "").strip())


def main():
    base, artifacts = sys.argv[1], sys.argv[2]
    driver = browser()
    try:
        console = Console(driver, base, artifacts)
        console.open("/items")
        assert driver.current_url.startswith(base + "/login"), "anonymous visitors are sent to the sign-in page"

        # The clerk: their unit's points, then a draft, submitted.
        console.sign_in(CLERK)
        unit = console.find("tr.mine td.name").text
        before = console.points(unit)
        console.shot("clerk-dashboard")
        print(f"{unit}: {before} points before")
        console.open("/items/new")
        title = f"浏览器测试：{unit}推进重点项目建设 {int(time.time())}"
        console.find("input[name=title]").send_keys(title)
        console.find("textarea[name=body]").send_keys("一季度新开工项目 12 个，完成投资 86 亿元。")
        console.shot("clerk-draft")
        console.submit("#save-draft")
        assert "草稿已保存" in driver.page_source
        item = driver.current_url.split("?")[0]
        console.submit("#submit-item")
        assert console.find("#item-status").text == "已报送", console.find("#item-status").text
        console.shot("clerk-submitted")
        console.sign_out()

        # The admin adopts it.
        console.sign_in(ADMIN)
        assert console.points(unit) == before
        driver.get(item)
        console.find("input[name=publication]").send_keys("市政府信息专报")
        console.shot("admin-adopt-form")
        console.submit("#adopt-item")
        assert console.find("#item-status").text == "已采用", console.find("#item-status").text
        console.shot("admin-adopted")

        # The live ranking is recomputed within seconds of a change.
        after = before
        for _ in range(60):
            after = console.points(unit)
            if after != before:
                break
            time.sleep(1)
        console.shot("admin-dashboard")
        print(f"{unit}: {after} points after")
        assert after > before, f"the ranking did not move: {before} → {after}"

        # The admin's rule editor: an unchanged file checks clean, with its tests and shadow diff.
        console.open("/rules/city")
        console.shot("admin-rules")
        console.open("/rules/city/edit?file=30_assess.lua")
        console.submit("#check-rules")
        assert "检查通过" in console.find("#check-result").text, console.find("#check-result").text
        console.shot("admin-rule-check")
        print("console browser test passed")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
