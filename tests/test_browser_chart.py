"""The chart read without hovering, and its range travelling in the URL, in
real Chromium at a desktop's and a phone's size: labels beside the key
milestones that never overlap each other, a mark or a phase label, at every
range; range buttons worked from the keyboard and announced; ?range= kept by
a reload, Back and Forward."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .browser_helpers import assert_no_axe_violations

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}

# What the chart drew, in page coordinates: the labels, the chart's other
# annotations (phases, "today"), and every mark (marker or bar) inside the plot.
DRAWN_BOXES = """() => {
  const chart = document.getElementById('chart');
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  };
  const plot = box(chart.querySelector('.nsewdrag'));
  const inside = (r) => r.right > r.left && r.bottom > r.top
    && r.left < plot.right && r.right > plot.left && r.top < plot.bottom && r.bottom > plot.top;
  const annotations = chart.layout.annotations || [];
  const labels = [], fixed = [];
  for (const g of chart.querySelectorAll('.infolayer g.annotation')) {
    const annotation = annotations[Number(g.dataset.index)] || {};
    const r = {...box(g.querySelector('.annotation-text-g')), text: g.textContent};
    (annotation.name === 'label' ? labels : fixed).push(r);
  }
  const marks = [...chart.querySelectorAll('g.subplot.xy .overplot path.point, g.subplot.xy .overplot g.point path')]
    .map(box).filter(inside);
  return {plot, labels, fixed, marks};
}"""

RANGE_SHOWN = "() => document.getElementById('chart')._fullLayout.xaxis.range.map(String)"


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def wait_for_labels(page: Page, value: str) -> None:
    expect(page.locator("#chart")).to_have_attribute("data-labels", value)


def assert_labels_clear(page: Page) -> list[str]:
    """No two labels overlap, none covers a mark or a phase label, all inside the plot; the labels' texts."""
    drawn = page.evaluate(DRAWN_BOXES)
    labels, plot = drawn["labels"], drawn["plot"]
    assert labels, "no label drawn"
    for index, label in enumerate(labels):
        assert plot["left"] <= label["left"], label
        assert label["right"] <= plot["right"], label
        assert plot["top"] <= label["top"], label
        assert label["bottom"] <= plot["bottom"], label
        for other in labels[index + 1 :]:
            assert not overlap(label, other), (label, other)
        for mark in drawn["marks"]:
            assert not overlap(label, mark), (label, mark)
        for fixed in drawn["fixed"]:
            assert not overlap(label, fixed), (label, fixed)
    return [label["text"] for label in labels]


def pressed(page: Page) -> list[str]:
    return page.locator("button.chart-range[aria-pressed=true]").all_inner_texts()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_labels_never_collide_at_any_range(live_server, transactional_db, seeded, page: Page, page_problems, viewport):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/")
    wait_for_labels(page, "all")
    everything = assert_labels_clear(page)
    assert "Launch" in everything

    page.get_by_role("button", name="2021", exact=True).click()
    wait_for_labels(page, "2021")
    assert_labels_clear(page)

    page.get_by_role("button", name="Oct 2021", exact=True).click()
    wait_for_labels(page, "2021-10")
    october = assert_labels_clear(page)
    assert {"Launch", "Back on Earth"} <= set(october)
    assert len(october) > everything.count("Back on Earth") + everything.count("Launch")

    # A shared link draws its range at first paint.
    page.goto(live_server.url + "/?range=2021")
    wait_for_labels(page, "2021")
    assert_labels_clear(page)
    assert_no_axe_violations(page)
    page_problems.assert_none()


def test_the_key_the_buttons_and_the_caption_on_a_phone(
    live_server, transactional_db, seeded, page: Page, page_problems
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    wait_for_labels(page, "all")
    expect(page.locator("#chart .legend")).to_have_count(0)  # no legend in Plotly: the page's key, under the chart
    expect(page.locator(".chart-key li").first).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    expect(page.locator("#chart .modebar")).to_have_count(0)
    expect(page.locator(".caption-narrow")).to_be_visible()
    expect(page.locator(".caption-wide")).to_be_hidden()
    assert "Drag to pan" not in page.locator(".chart-figure figcaption").inner_text()  # what is shown
    buttons = page.locator("button.chart-range")
    expect(buttons).to_have_count(5)
    assert max(_edges(b.bounding_box())["right"] for b in buttons.all()) <= PHONE["width"]
    page_problems.assert_none()


def test_the_mode_bar_stays_clear_of_the_buttons_on_a_desktop(live_server, transactional_db, seeded, page: Page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    wait_for_labels(page, "all")
    expect(page.locator(".caption-wide")).to_contain_text("Drag to pan")
    expect(page.locator(".caption-narrow")).to_be_hidden()
    modebar = page.locator("#chart .modebar").bounding_box()
    for button in page.locator("button.chart-range").all():
        assert not overlap(_edges(modebar), _edges(button.bounding_box()))


def _edges(box: dict) -> dict:
    return {"left": box["x"], "right": box["x"] + box["width"], "top": box["y"], "bottom": box["y"] + box["height"]}


def test_range_buttons_work_from_the_keyboard_and_travel_in_the_url(
    live_server, transactional_db, seeded, page: Page, page_problems
):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/?side=russia")
    wait_for_labels(page, "all")
    assert pressed(page) == ["All"]

    # Tab reaches the buttons (after the link past the chart); Enter and Space press them.
    page.get_by_role("link", name="Skip the chart to the list of events").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="All", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="2021", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/\?side=russia&range=2021$"))
    wait_for_labels(page, "2021")
    assert_labels_clear(page)  # one lane: the labels use its whole height
    assert pressed(page) == ["2021"]
    expect(page.locator("#chart-range-status")).to_have_text("The chart shows 2021.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Oct 2021", exact=True)).to_be_focused()
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"/\?side=russia&range=2021-10$"))
    wait_for_labels(page, "2021-10")
    expect(page.locator("#chart-range-status")).to_have_text("The chart shows Oct 2021.")
    october = page.evaluate(RANGE_SHOWN)

    # A reload shows the same range, from the server's first paint.
    page.reload()
    wait_for_labels(page, "2021-10")
    assert page.evaluate(RANGE_SHOWN) == october
    assert pressed(page) == ["Oct 2021"]

    # Back and Forward restore each range.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/\?side=russia&range=2021$"))
    wait_for_labels(page, "2021")
    assert pressed(page) == ["2021"]
    page.go_back()
    expect(page).to_have_url(re.compile(r"/\?side=russia$"))
    wait_for_labels(page, "all")
    assert pressed(page) == ["All"]
    page.go_forward()
    wait_for_labels(page, "2021")
    assert pressed(page) == ["2021"]

    # A filter change keeps the range.
    page.select_option("#id_side", "")
    expect(page).to_have_url(re.compile(r"/\?range=2021$"))
    wait_for_labels(page, "2021")
    page_problems.assert_none()


def test_a_bad_range_is_explained_and_the_chart_shows_everything(
    live_server, transactional_db, seeded, page: Page, page_problems
):
    response = page.goto(live_server.url + "/?range=2021-13")
    assert response.status == 400
    expect(page.locator("#range-errors")).to_contain_text("“2021-13” is not a date.")
    wait_for_labels(page, "all")
    expect(page.locator("#results li.event-item")).to_have_count(34)
    page_problems.console_errors[:] = [e for e in page_problems.console_errors if "400 (Bad Request)" not in e]
    page_problems.assert_none()


def test_a_drag_moves_the_labels_and_the_url_and_a_phone_places_them_again(
    live_server, transactional_db, seeded, page: Page, page_problems
):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Oct 2021", exact=True).click()
    wait_for_labels(page, "2021-10")
    page.locator("#chart").scroll_into_view_if_needed()  # below the lede: the mouse drags what it can reach
    plot = page.locator("#chart .nsewdrag").bounding_box()
    y = plot["y"] + plot["height"] / 2
    page.mouse.move(plot["x"] + plot["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(plot["x"] + plot["width"] / 2 - 300, y, steps=10)
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"/\?range=2021-10-\d\d\.\.2021-1\d-\d\d$"))  # replaced, not pushed
    value = page.url.split("range=")[1]
    wait_for_labels(page, value)
    assert pressed(page) == []
    assert_labels_clear(page)
    announced = re.compile(r"^The chart shows \d+ \w+ 2021 to \d+ \w+ 2021\.$")
    expect(page.locator("#chart-range-status")).to_have_text(announced)

    # The same range on a phone's width: the labels are placed again for it.
    page.set_viewport_size(PHONE)
    expect(page.locator("#chart .legend")).to_have_count(0)
    expect(page.locator(".chart-key li").first).to_be_visible()  # the page's key, on a phone too
    page.wait_for_function("() => !document.querySelector('#chart .modebar')")
    wait_for_labels(page, value)
    assert_labels_clear(page)

    page.reload()
    wait_for_labels(page, value)
    assert_labels_clear(page)
    page.go_back()
    expect(page).to_have_url(re.compile(r"/$"))  # the drag replaced the button's entry, not added one
    wait_for_labels(page, "all")
    page_problems.assert_none()
