"""Choice fields of the matchmaking forms refuse ids too large for any database column.

Found by the fuzzing suite (tests/security): a sector or slot id past 64 bits in the profile
form was a server error (``OverflowError`` on SQLite, an error on PostgreSQL).
"""

import pytest
from django.core.exceptions import ValidationError

from kongres.matchmaking.forms import SectorField
from kongres.matchmaking.models import Sector
from tests.matchmaking.factories import SectorFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.mark.parametrize("huge", [2**63, -(2**63) - 1, 10**30])
def test_a_huge_id_is_an_invalid_choice(huge):
    sector = SectorFactory()
    field = SectorField(queryset=Sector.objects.all())

    with pytest.raises(ValidationError) as error:
        field.clean([str(sector.pk), str(huge)])

    assert error.value.code == "invalid_pk_value"
    assert [s.pk for s in field.clean([str(sector.pk)])] == [sector.pk]
