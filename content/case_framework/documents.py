"""The CASE 1.1 JSON objects of the framework (pure: data and links in, dicts out).

Shapes follow the vendored OpenAPI (schemas/imscasev1p1_openapi3_v1p0.json): CFPackageDType,
CFDocumentDType, CFItemDType, CFAssociationDType, CFAssociationSetDType, imsx_StatusInfoDType.

Language: every text is the profile's Dutch (`language: "nl"`). CASE has no field for a
second language, so an item's English name (where the platform has one) is given in the
item's `extensions` as `titleEn`, a proprietary extension the binding allows.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from content.case_framework.framework import (
    LANGUAGE,
    PROFILE_ADOPTED,
    PROFILE_CREATOR,
    PROFILE_TITLE,
    PROFILE_VERSION,
    Framework,
    FrameworkAssociation,
    FrameworkItem,
)
from content.case_framework.links import CaseLinks
from content.case_identifiers import KINDS

CASE_VERSION = "1.1"


def stamp(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, to the second."""
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _link(title: str, identifier: str, uri: str) -> dict[str, str]:
    return {"title": title, "identifier": identifier, "uri": uri}


def document_link(framework: Framework, links: CaseLinks) -> dict[str, str]:
    return _link(PROFILE_TITLE, framework.identifier, links.document(framework.identifier))


def package_document(framework: Framework, links: CaseLinks) -> dict[str, Any]:
    """The CFDocument as a package holds it (CFPckgDocumentDType)."""
    return {
        "identifier": framework.identifier,
        "uri": links.document(framework.identifier),
        "frameworkType": KINDS["document"],
        "caseVersion": CASE_VERSION,
        "creator": PROFILE_CREATOR,
        "title": PROFILE_TITLE,
        "lastChangeDateTime": stamp(framework.document_changed),
        "publisher": PROFILE_CREATOR,
        "description": (
            "De kerntaak, werkprocessen, vakkennis en vaardigheden, competentiegebieden en "
            "kenmerkende afwegingen van het beroep schademanager."
        ),
        "language": LANGUAGE,
        "version": PROFILE_VERSION,
        "adoptionStatus": "Adopted",
        "statusStartDate": PROFILE_ADOPTED.isoformat(),
    }


def cf_document(framework: Framework, links: CaseLinks) -> dict[str, Any]:
    """The standalone CFDocument (CFDocumentDType): the package's, with its CFPackageURI."""
    return {
        **package_document(framework, links),
        "CFPackageURI": _link(
            PROFILE_TITLE, framework.identifier, links.package(framework.identifier)
        ),
    }


def package_item(item: FrameworkItem, links: CaseLinks) -> dict[str, Any]:
    """A CFItem as a package holds it (CFPckgItemDType)."""
    data: dict[str, Any] = {
        "identifier": item.identifier,
        "fullStatement": item.title,
        "CFItemType": KINDS[item.kind],
        "uri": links.item(item.identifier),
        "humanCodingScheme": item.code,
        "listEnumeration": str(item.sort_order),
        "language": LANGUAGE,
        "lastChangeDateTime": stamp(item.changed),
    }
    if item.notes:
        data["notes"] = item.notes
    if item.title_en:
        data["extensions"] = {"titleEn": item.title_en}
    return data


def cf_item(framework: Framework, item: FrameworkItem, links: CaseLinks) -> dict[str, Any]:
    """The standalone CFItem (CFItemDType): the package's, with its CFDocumentURI."""
    return {**package_item(item, links), "CFDocumentURI": document_link(framework, links)}


def _node(framework: Framework, identifier: str, links: CaseLinks) -> dict[str, str]:
    if identifier == framework.identifier:
        uri = links.document(identifier)
    else:
        uri = links.item(identifier)
    return {**_link(framework.title_of(identifier), identifier, uri), "targetType": "CASE"}


def package_association(
    framework: Framework, association: FrameworkAssociation, links: CaseLinks
) -> dict[str, Any]:
    """A CFAssociation as a package holds it (CFPckgAssociationDType)."""
    data: dict[str, Any] = {
        "identifier": association.identifier,
        "associationType": association.kind,
        "uri": links.association(association.identifier),
        "originNodeURI": _node(framework, association.origin, links),
        "destinationNodeURI": _node(framework, association.destination, links),
        "lastChangeDateTime": stamp(association.changed),
    }
    if association.sequence is not None:
        data["sequenceNumber"] = association.sequence
    if association.notes:
        data["notes"] = association.notes
    return data


def cf_association(
    framework: Framework, association: FrameworkAssociation, links: CaseLinks
) -> dict[str, Any]:
    """The standalone CFAssociation (CFAssociationDType), with its CFDocumentURI."""
    return {
        **package_association(framework, association, links),
        "CFDocumentURI": document_link(framework, links),
    }


def cf_package(framework: Framework, links: CaseLinks) -> dict[str, Any]:
    """The whole framework (CFPackageDType)."""
    return {
        "CFDocument": package_document(framework, links),
        "CFItems": [package_item(item, links) for item in framework.items],
        "CFAssociations": [
            package_association(framework, association, links)
            for association in framework.associations
        ],
    }


def cf_item_associations(
    framework: Framework, item: FrameworkItem, links: CaseLinks
) -> dict[str, Any]:
    """An item with every association it is origin or destination of (CFAssociationSetDType)."""
    return {
        "CFItem": cf_item(framework, item, links),
        "CFAssociations": [
            package_association(framework, association, links)
            for association in framework.associations_of(item.identifier)
        ],
    }


def status_info(description: str, *, field: str, minor: str) -> dict[str, Any]:
    """CASE's error body (imsx_StatusInfoDType): `minor` is one of the binding's codeMinor
    values (`unknownobject`, `invalid_uuid`, …)."""
    return {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_codeMinor": {
            "imsx_codeMinorField": [
                {"imsx_codeMinorFieldName": field, "imsx_codeMinorFieldValue": minor}
            ]
        },
    }
