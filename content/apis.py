"""API of the content app: the competence profile (public) and coverage (editors)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from content.case_framework.references import case_identifier_of_code
from content.models.profile import competence_profile
from content.permissions import can_view_coverage
from content.search_query import SEARCH_OPERATORS, search_text
from content.selectors import coverage
from schadeplatform.api_errors import error_data


class CompetenceProfileGetApi(APIView):
    """The whole competence profile: public, as the foundation publishes it."""

    permission_classes = [permissions.AllowAny]

    @extend_schema_serializer(component_name="CompetenceProfile")
    class OutputSerializer(serializers.Serializer):
        class ProfileCoreTaskSerializer(serializers.Serializer):
            class ProfileWorkProcessSerializer(serializers.Serializer):
                code = serializers.CharField()
                title = serializers.CharField()
                description = serializers.CharField()
                result = serializers.CharField()
                case_identifier = serializers.UUIDField()

            code = serializers.CharField()
            title = serializers.CharField()
            case_identifier = serializers.UUIDField()
            work_processes = ProfileWorkProcessSerializer(many=True)

        class ProfileKnowledgeItemSerializer(serializers.Serializer):
            code = serializers.CharField()
            slug = serializers.CharField(allow_null=True)
            title = serializers.CharField()
            # None for an item without a slug: it has no stable identifier (issue #18).
            case_identifier = serializers.UUIDField(allow_null=True)

        class ProfileCompetenceAreaSerializer(serializers.Serializer):
            slug = serializers.CharField()
            name = serializers.CharField()
            description = serializers.CharField()
            case_identifier = serializers.UUIDField()

        class ProfileTradeOffSerializer(serializers.Serializer):
            slug = serializers.CharField()
            title = serializers.CharField()
            case_identifier = serializers.UUIDField()

        class ProfileSectionSerializer(serializers.Serializer):
            key = serializers.CharField()
            title = serializers.CharField()
            body = serializers.CharField()

        core_tasks = ProfileCoreTaskSerializer(many=True)
        knowledge_items = ProfileKnowledgeItemSerializer(many=True)
        competence_areas = ProfileCompetenceAreaSerializer(many=True)
        trade_offs = ProfileTradeOffSerializer(many=True)
        sections = ProfileSectionSerializer(many=True)

    @extend_schema(
        operation_id="competence_profile_get",
        responses=OutputSerializer,
        summary="Het beroepscompetentieprofiel Schademanager",
    )
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(competence_profile()).data)


class IsCoverageViewer(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return can_view_coverage(request.user)


class CoverageGetApi(APIView):
    """For every item of the profile, the published lessons and case briefs that serve it."""

    permission_classes = [permissions.IsAuthenticated, IsCoverageViewer]

    @extend_schema_serializer(component_name="ContentCoverage")
    class OutputSerializer(serializers.Serializer):
        class CoverageRowSerializer(serializers.Serializer):
            class CoveragePageSerializer(serializers.Serializer):
                id = serializers.IntegerField()
                title = serializers.CharField()
                url = serializers.CharField(allow_null=True)

            code = serializers.CharField()
            title = serializers.CharField()
            # The item's CASE identifier (content.case_identifiers; issue #18).
            case_identifier = serializers.UUIDField(allow_null=True)
            covered = serializers.BooleanField()

            class CoverageCaseSerializer(serializers.Serializer):
                slug = serializers.CharField()
                title = serializers.CharField()

            lessons = CoveragePageSerializer(many=True)
            case_briefs = CoveragePageSerializer(many=True)
            # Published cases that exercise the item (content.selectors.case_profile_items).
            cases = CoverageCaseSerializer(many=True)

        class CoverageUncoveredSerializer(serializers.Serializer):
            kind = serializers.CharField()
            code = serializers.CharField()
            title = serializers.CharField()

        work_processes = CoverageRowSerializer(many=True)
        knowledge_items = CoverageRowSerializer(many=True)
        competence_areas = CoverageRowSerializer(many=True)
        trade_offs = CoverageRowSerializer(many=True)
        uncovered = CoverageUncoveredSerializer(many=True)

    @extend_schema(operation_id="content_coverage_get", responses=OutputSerializer)
    def get(self, request: Request) -> Response:
        result = coverage()

        def page(p):
            return {"id": p.pk, "title": p.title, "url": p.url}

        def row(r):
            return {
                "code": r.code,
                "title": r.title,
                "case_identifier": case_identifier_of_code(r.kind, r.code),
                "covered": r.covered,
                "lessons": [page(p) for p in r.lessons],
                "case_briefs": [page(p) for p in r.case_briefs],
                "cases": [{"slug": c.slug, "title": c.title} for c in r.cases],
            }

        data = {name: [row(r) for r in rows] for name, rows in result.groups()}
        data["uncovered"] = [
            {"kind": r.kind, "code": r.code, "title": r.title} for r in result.uncovered()
        ]
        return Response(self.OutputSerializer(data).data)


# Far beyond the number of pages the platform will ever have; a page id is a 32-bit integer.
MAX_OFFSET = 2**31 - 1


@extend_schema(exclude=True)
class PublishedPagesApiViewSet(PagesAPIViewSet):
    """Wagtail's read API for pages: live pages, to anyone; Wagtail applies page privacy per
    request, so a restricted page reaches only its groups (as the page itself does)."""

    permission_classes = [permissions.AllowAny]

    def initial(self, request, *args, **kwargs):
        """Parameters Wagtail passes on unchecked: an unknown `search_operator` raised a
        ValueError deep in the search backend (500, for anyone); a double quote in `search`
        breaks SQLite's full-text query and a blank one the backend; an `offset` past a bigint
        breaks PostgreSQL's OFFSET."""
        super().initial(request, *args, **kwargs)
        operator = request.GET.get("search_operator")
        if operator and operator.lower() not in SEARCH_OPERATORS:
            raise BadRequestError(
                _("search_operator moet 'and' of 'or' zijn, niet %(value)r.") % {"value": operator}
            )
        offset = request.GET.get("offset", "")
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            # Wagtail passes it to the database; PostgreSQL's OFFSET takes at most a bigint.
            raise BadRequestError(_("offset mag hoogstens %(max)s zijn.") % {"max": MAX_OFFSET})
        search = request.GET.get("search")
        if search is not None and search != search_text(search).strip():
            query = request._request.GET.copy()
            if search_text(search).strip():
                query["search"] = search_text(search).strip()
            else:
                # Blank (or only quotes): the backend built no query and crashed; no search.
                del query["search"]
            request._request.GET = query

    def find_object(self, queryset, request):
        """`find/?id=` hands the text to the database lookup unchecked, which fails on anything
        but a whole number (`id="`)."""
        value = request.GET.get("id")
        if value is not None and not (value.isascii() and value.isdigit()):
            raise BadRequestError(_("id moet een positief geheel getal zijn."))
        return super().find_object(queryset, request)

    def handle_exception(self, exc):
        """Wagtail answers its 404 and 400 as {"message"}; the API has one error shape."""
        response = super().handle_exception(exc)
        if isinstance(response.data, dict) and set(response.data) == {"message"}:
            response.data = error_data(response.data["message"])
        return response
