"""Editors tag lessons, case briefs and cases with the profile's items by their codes: the
Wagtail widgets label knowledge items "K15 – …" and work processes "1.3 …"."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from content.models import KnowledgeItem, LessonPage, WorkProcess

pytestmark = pytest.mark.django_db


def _labels(html: str, field: str) -> dict[str, str]:
    """value → visible label of the options or checkboxes of a form field."""
    soup = BeautifulSoup(html, "html.parser")
    select = soup.find("select", attrs={"name": field})
    if select is not None:
        return {o["value"]: o.get_text(" ", strip=True) for o in select.find_all("option")}
    labels = {}
    for box in soup.find_all("input", attrs={"name": field, "type": "checkbox"}):
        label = box.find_parent("label") or soup.find("label", attrs={"for": box["id"]})
        labels[box["value"]] = label.get_text(" ", strip=True)
    return labels


def test_knowledge_items_and_work_processes_read_code_first(profile):
    item = KnowledgeItem.objects.get(code="K15")
    assert str(item) == f"K15 – {item.title}"
    process = WorkProcess.objects.get(code="1.3")
    assert str(process) == f"1.3 {process.title}"


def test_the_lesson_form_labels_the_profile_items_with_their_codes(
    profile, module, admin_user, client_for
):
    url = reverse(
        "wagtailadmin_pages:add", args=("content", LessonPage._meta.model_name, module.pk)
    )
    response = client_for(admin_user).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    knowledge = _labels(html, "knowledge_items")
    processes = _labels(html, "work_processes")
    assert len(knowledge) == KnowledgeItem.objects.count() == 21
    for item in KnowledgeItem.objects.all():
        assert knowledge[str(item.pk)] == f"{item.code} – {item.title}"
    for process in WorkProcess.objects.all():
        assert processes[str(process.pk)] == f"{process.code} {process.title}"


def test_the_case_form_labels_the_knowledge_items_with_their_codes(profile, admin_user, client_for):
    response = client_for(admin_user).get("/cms/snippets/cases/case/add/")
    assert response.status_code == 200
    knowledge = _labels(response.content.decode(), "knowledge_items")
    item = KnowledgeItem.objects.get(code="K15")
    assert knowledge[str(item.pk)] == f"K15 – {item.title}"
