"""API of the coverage page: `GET /api/v1/assessment/coverage/` (issue #16, item 5)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .access import can_view_profile_coverage
from .selectors import profile_coverage


class IsProfileCoverageViewer(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return can_view_profile_coverage(request.user)


class ProfileCoveragePracticeSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class ProfileCoverageSourceSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.CharField()
    title = serializers.CharField()
    uses = serializers.IntegerField()
    url = serializers.CharField(allow_null=True)


class ProfileCoverageItemSerializer(serializers.Serializer):
    group = serializers.CharField()
    key = serializers.CharField()
    code = serializers.CharField()
    title = serializers.CharField()
    title_only = serializers.BooleanField()
    practised_in = ProfileCoveragePracticeSerializer(many=True)
    assessed_by = ProfileCoverageSourceSerializer(many=True)
    declared_unused = ProfileCoverageSourceSerializer(many=True)


class ProfileCoverageGroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    items = ProfileCoverageItemSerializer(many=True)


class ProfileCoverageGetApi(APIView):
    """Per item of the competence profile: where it is practised, what assesses it, and
    whether it is title-only (assessed by nothing in use)."""

    permission_classes = [permissions.IsAuthenticated, IsProfileCoverageViewer]

    @extend_schema_serializer(component_name="ProfileCoverage")
    class OutputSerializer(serializers.Serializer):
        groups = ProfileCoverageGroupSerializer(many=True)
        title_only = serializers.ListField(child=serializers.CharField())

    @extend_schema(operation_id="assessment_coverage_get", responses=OutputSerializer)
    def get(self, request: Request) -> Response:
        result = profile_coverage(request=request)

        def assessment(found):
            return {
                "key": found.source.key,
                "kind": found.source.kind,
                "title": str(found.source.title),
                "uses": found.uses,
                "url": found.url,
            }

        def item(row):
            return {
                "group": row.group,
                "key": row.key,
                "code": row.code,
                "title": row.title,
                "title_only": row.title_only,
                "practised_in": [
                    {"kind": p.kind, "title": p.title, "url": p.url} for p in row.practised_in
                ],
                "assessed_by": [assessment(found) for found in row.assessed_by],
                "declared_unused": [assessment(found) for found in row.declared_unused],
            }

        data = {
            "groups": [
                {"key": key, "title": title, "items": [item(row) for row in items]}
                for key, title, items in result.groups
            ],
            "title_only": [f"{row.group}:{row.key}" for row in result.title_only()],
        }
        return Response(self.OutputSerializer(data).data)
