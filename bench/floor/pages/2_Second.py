"""The floor's second page (the same elements), for page switches."""

from common import draw

draw("Floor, second page")
