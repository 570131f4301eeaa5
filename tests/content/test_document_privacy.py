"""A document used only on assessor-only pages is assessor-only material too; Wagtail itself
would serve it to anyone with its link. (Through HTTP, per role: tests/hardening's matrix.)"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.test import RequestFactory
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction, ReferenceIndex
from wagtail.rich_text import RichText

from content.selectors import document_open_to
from content.services import assessors_only_restrict
from schadeplatform.sessions import SessionStore
from tests.factories.content import LearningModulePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(db):
    Document = get_document_model()
    document = Document(title="Richtlijn", file=ContentFile(b"%PDF-1.4\n", name="richtlijn.pdf"))
    document.save()
    return document


@pytest.fixture
def assessor_module(learning_index, editorial):
    module = LearningModulePageFactory(parent=learning_index, slug="beoordelaars")
    assessors_only_restrict(page=module)
    return module


def _link_from(page, document) -> None:
    link = f'<p><a linktype="document" id="{document.pk}">Richtlijn</a></p>'
    page.body.append(("paragraph", RichText(link)))
    page.save()
    # Wagtail indexes the link in a task after the commit, which a test never reaches.
    ReferenceIndex.create_or_update_for_object(page)


def _request(user=None):
    request = RequestFactory().get("/documenten/")
    request.user = user or AnonymousUser()
    return request


def test_a_document_used_nowhere_is_open_to_anyone(document):
    assert document_open_to(document, _request())


def test_a_document_used_only_on_assessor_material_is_for_its_groups_only(
    document, assessor_module, trainee, assessor, editorial
):
    # given a document linked only from the assessor-only module
    _link_from(assessor_module, document)
    # then neither a visitor nor a trainee may download it, an assessor in the group may
    assert not document_open_to(document, _request())
    assert not document_open_to(document, _request(trainee))
    assessor.groups.add(editorial.assessors)
    assert document_open_to(document, _request(assessor))


def test_a_document_also_used_on_a_public_page_is_open_to_anyone(
    document, assessor_module, module, trainee
):
    _link_from(assessor_module, document)
    _link_from(module, document)
    assert document_open_to(document, _request(trainee))
    assert document_open_to(document, _request())


def test_a_document_used_only_on_a_password_page_needs_that_page_s_password(document, module):
    # given a document linked only from a page behind a password
    restriction = PageViewRestriction.objects.create(
        page=module, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    _link_from(module, document)
    # then it is refused until the visitor has entered the page's password
    request = _request()
    request.session = SessionStore()
    assert not document_open_to(document, request)
    restriction.mark_as_passed(request)
    assert document_open_to(document, request)
