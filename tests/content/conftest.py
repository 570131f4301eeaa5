import pytest

from content.services import (
    competence_profile_data,
    competence_profile_import,
    editorial_setup_ensure,
    profile_page_ensure,
    site_tree_ensure,
)
from tests.factories.content import (
    CaseBriefIndexPageFactory,
    LearningModulePageFactory,
)


@pytest.fixture
def profile(db):
    data, _source = competence_profile_data()
    competence_profile_import(data=data)
    return data


@pytest.fixture
def learning_index(db):
    return site_tree_ensure()


@pytest.fixture
def editorial(learning_index):
    return editorial_setup_ensure(learning_index=learning_index)


@pytest.fixture
def profile_page(profile, learning_index):
    return profile_page_ensure(learning_index=learning_index)


@pytest.fixture
def module(learning_index):
    return LearningModulePageFactory(parent=learning_index, slug="module", title="Module")


@pytest.fixture
def case_index(learning_index):
    return CaseBriefIndexPageFactory(parent=learning_index)


@pytest.fixture
def editor_in_group(editor, editorial):
    editor.groups.add(editorial.editors)
    return editor
