"""Forms of the public registration and of the personal page.

Forms validate what people type and call services; a service's domain error
(``RegistrationError`` with its ``field``, ``VisitError``) becomes a form error next to the
field it concerns, so the page shows it in the form's language and keeps what was typed.
"""

from kongres.registration.forms.fields import (
    COUNTRIES,
    FixedChoiceField,
    country_choices,
    language_choices,
    organisation_type_choices,
    voivodeship_choices,
)
from kongres.registration.forms.group import (
    MAX_GROUP,
    BaseMemberFormSet,
    GroupRegistrationForm,
    MemberForm,
    group_submit,
    member_formset,
)
from kongres.registration.forms.personal import (
    PersonalDataForm,
    PersonalDetailsForm,
    RegistrationForm,
    SessionChoiceForm,
)
from kongres.registration.forms.self_service import (
    IdDataForm,
    ResendLinkForm,
)
from kongres.registration.forms.sessions import (
    CategoryOption,
    SessionFieldsMixin,
    SessionOption,
)

__all__ = [
    "COUNTRIES",
    "MAX_GROUP",
    "BaseMemberFormSet",
    "CategoryOption",
    "FixedChoiceField",
    "GroupRegistrationForm",
    "IdDataForm",
    "MemberForm",
    "PersonalDataForm",
    "PersonalDetailsForm",
    "RegistrationForm",
    "ResendLinkForm",
    "SessionChoiceForm",
    "SessionFieldsMixin",
    "SessionOption",
    "country_choices",
    "group_submit",
    "language_choices",
    "member_formset",
    "organisation_type_choices",
    "voivodeship_choices",
]
