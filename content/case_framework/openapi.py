"""The CASE answers described for drf-spectacular (documentation only: the views answer the
dicts of `documents.py`, which the tests validate against the vendored CASE OpenAPI)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers


@extend_schema_serializer(component_name="CaseLinkURI")
class LinkUriSerializer(serializers.Serializer):
    title = serializers.CharField()
    identifier = serializers.UUIDField()
    uri = serializers.URLField()


@extend_schema_serializer(component_name="CaseLinkGenURI")
class LinkGenUriSerializer(LinkUriSerializer):
    identifier = serializers.CharField()
    targetType = serializers.CharField(required=False)


@extend_schema_serializer(component_name="CasePackageDocument")
class PackageDocumentSerializer(serializers.Serializer):
    identifier = serializers.UUIDField()
    uri = serializers.URLField()
    frameworkType = serializers.CharField(required=False)
    caseVersion = serializers.ChoiceField(choices=["1.1"], required=False)
    creator = serializers.CharField()
    title = serializers.CharField()
    lastChangeDateTime = serializers.DateTimeField()
    publisher = serializers.CharField(required=False)
    description = serializers.CharField(required=False)
    language = serializers.CharField(required=False)
    version = serializers.CharField(required=False)
    adoptionStatus = serializers.CharField(required=False)
    statusStartDate = serializers.DateField(required=False)


@extend_schema_serializer(component_name="CaseDocument")
class DocumentSerializer(PackageDocumentSerializer):
    CFPackageURI = LinkUriSerializer()


@extend_schema_serializer(component_name="CaseDocumentSet")
class DocumentSetSerializer(serializers.Serializer):
    CFDocuments = DocumentSerializer(many=True)


@extend_schema_serializer(component_name="CaseItemExtensions")
class ItemExtensionsSerializer(serializers.Serializer):
    titleEn = serializers.CharField(required=False, help_text="De Engelse naam van het item.")


@extend_schema_serializer(component_name="CasePackageItem")
class PackageItemSerializer(serializers.Serializer):
    identifier = serializers.UUIDField()
    fullStatement = serializers.CharField()
    CFItemType = serializers.CharField(required=False)
    uri = serializers.URLField()
    humanCodingScheme = serializers.CharField(required=False)
    listEnumeration = serializers.CharField(required=False)
    notes = serializers.CharField(required=False)
    language = serializers.CharField(required=False)
    lastChangeDateTime = serializers.DateTimeField()
    extensions = ItemExtensionsSerializer(required=False)


@extend_schema_serializer(component_name="CaseItem")
class ItemSerializer(PackageItemSerializer):
    CFDocumentURI = LinkUriSerializer()


@extend_schema_serializer(component_name="CasePackageAssociation")
class PackageAssociationSerializer(serializers.Serializer):
    identifier = serializers.UUIDField()
    associationType = serializers.ChoiceField(choices=["isChildOf", "isRelatedTo"])
    sequenceNumber = serializers.IntegerField(required=False)
    uri = serializers.URLField()
    originNodeURI = LinkGenUriSerializer()
    destinationNodeURI = LinkGenUriSerializer()
    lastChangeDateTime = serializers.DateTimeField()
    notes = serializers.CharField(required=False)


@extend_schema_serializer(component_name="CaseAssociation")
class AssociationSerializer(PackageAssociationSerializer):
    CFDocumentURI = LinkUriSerializer()


@extend_schema_serializer(component_name="CasePackage")
class PackageSerializer(serializers.Serializer):
    CFDocument = PackageDocumentSerializer()
    CFItems = PackageItemSerializer(many=True)
    CFAssociations = PackageAssociationSerializer(many=True)


@extend_schema_serializer(component_name="CaseAssociationSet")
class AssociationSetSerializer(serializers.Serializer):
    CFItem = ItemSerializer()
    CFAssociations = PackageAssociationSerializer(many=True)


@extend_schema_serializer(component_name="CaseStatusInfo")
class StatusInfoSerializer(serializers.Serializer):
    class CaseCodeMinorSerializer(serializers.Serializer):
        class CaseCodeMinorFieldSerializer(serializers.Serializer):
            imsx_codeMinorFieldName = serializers.CharField()
            imsx_codeMinorFieldValue = serializers.CharField()

        imsx_codeMinorField = CaseCodeMinorFieldSerializer(many=True)

    imsx_codeMajor = serializers.CharField()
    imsx_severity = serializers.CharField()
    imsx_description = serializers.CharField()
    imsx_codeMinor = CaseCodeMinorSerializer()
