import factory

from schadeplatform.accounts.models import Cohort, Organisation, Role, User

PASSWORD = "test-wachtwoord-123"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Opleider {n}")
    kind = Organisation.Kind.TRAINING_PROVIDER


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Gebruiker {n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.nl")
    role = Role.TRAINEE
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Groep {n}")
    exam_mode = False

    @factory.post_generation
    def trainees(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.trainees.add(*extracted)

    @factory.post_generation
    def assessors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.assessors.add(*extracted)


def only_cohort_of(trainee) -> Cohort | None:
    """The cohort an attempt of `trainee` is filed in when a test does not say: their only
    cohort, as `cases.services.attempt_start` picks it. A trainee in several cohorts (or none)
    gets none: a test of such a trainee names the cohort, as the trainee must."""
    if trainee is None or trainee.pk is None:
        return None
    cohorts = list(Cohort.objects.filter(trainees=trainee)[:2])
    return cohorts[0] if len(cohorts) == 1 else None
