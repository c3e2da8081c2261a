"""Reading written dates: every spelling the real corpus showed, in several languages, and no guessing."""

from __future__ import annotations

import pytest

from app.model.dates import DateReading, read_date


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("May 2022", "2022-05"),
        ("2012, October", "2012-10"),
        ("September, 2011", "2011-09"),
        ("Sept 2019", "2019-09"),
        ("Jan. 2020", "2020-01"),
        ("March 14th, 2021", "2021-03-14"),
        ("14 March 2021", "2021-03-14"),
        ("2016/07", "2016-07"),
        ("07/2025", "2025-07"),
        ("2017/10/11", "2017-10-11"),
        ("2022-6-01", "2022-06-01"),
        ("2022-6-1", "2022-06-01"),
        ("2019.03", "2019-03"),
        ("03.2019", "2019-03"),
        ("14.03.2019", "2019-03-14"),
        ("14/03/2019", "2019-03-14"),
        ("03/14/2019", "2019-03-14"),
        ("2019-03-14T10:00:00Z", "2019-03-14"),
        ("2019-03-14 10:00", "2019-03-14"),
        ("2019", "2019"),
        ("  2019  ", "2019"),
        ("mars 2019", "2019-03"),
        ("février 2020", "2020-02"),
        ("fevrier 2020", "2020-02"),
        ("März 2019", "2019-03"),
        ("14. Februar 2015", "2015-02-14"),
        ("Okt. 2008", "2008-10"),
        ("enero de 2020", "2020-01"),
        ("15 de marzo de 2016", "2016-03-15"),
        ("janeiro de 2019", "2019-01"),
        ("март 2019", "2019-03"),
        ("сентября 2015", "2015-09"),
        ("styczeń 2019", "2019-01"),
        ("grudnia 2018", "2018-12"),
        ("2019年3月", "2019-03"),
        ("2019年3月14日", "2019-03-14"),
        ("２０１９年３月", "2019-03"),
        ("2019년 3월", "2019-03"),
        ("2019년 3월 14일", "2019-03-14"),
        ("tháng 3 năm 2019", "2019-03"),
        ("٢٠١٩", "2019"),
    ],
)
def test_written_dates_are_read(written: str, iso: str) -> None:
    assert read_date(written) == DateReading(iso)


@pytest.mark.parametrize(
    "written",
    ["Present", "present", "Current", "now", "Ongoing", "today", "Till Date", "heute", "bis heute", "aujourd'hui",
     "Actualidad", "atual", "obecnie", "по настоящее время", "至今", "現在", "현재", "hiện tại"],
)  # fmt: skip
def test_words_for_ongoing_are_recognised(written: str) -> None:
    assert read_date(written) == DateReading(ongoing=True)


@pytest.mark.parametrize(
    "written",
    ["Summer 2019", "Q3 2017", "03/04/2019", "around 2016", "2019 - 2021", "May", "", "Mayo 2019 o 2020", "1066"],
)
def test_what_cannot_be_read_without_guessing_is_not_read(written: str) -> None:
    assert read_date(written) is None


def test_the_resume_language_decides_a_month_name_that_differs_between_languages() -> None:
    assert read_date("listopad 2019") == DateReading("2019-11")  # Polish and Czech: November
    assert read_date("listopad 2019", "hr") == DateReading("2019-10")  # Croatian: October


def test_impossible_calendar_dates_are_not_read() -> None:
    assert read_date("31/02/2019") is None
    assert read_date("2019/13") is None
