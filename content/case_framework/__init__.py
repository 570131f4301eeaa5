"""The competence profile as a CASE 1.1 package (issue #18 item 3), read-only and public.

`GET /api/v1/case/ims/case/v1p1/…` serves the profile's rows (content.models.profile) as the
CASE 1.1 REST binding's CFPackage, CFDocuments, CFItems, CFAssociations and CFItemAssociations.
Identifiers come only from `content.case_identifiers`. See content/README.md, "The profile as
CASE 1.1".

- `framework.py`: the profile as plain data (items, associations), pure;
- `selectors.py`: loads that from the database (a fixed number of queries);
- `documents.py`: the CASE JSON objects, pure, given the data and the URLs;
- `links.py`: the URLs of the objects (`cfitem_url`, used by the badges and xAPI);
- `apis.py`, `urls.py`: thin read-only views; `openapi.py`: their documentation.
"""

from content.case_framework.links import CFITEM_ROUTE, cfitem_url

__all__ = ["CFITEM_ROUTE", "cfitem_url"]
