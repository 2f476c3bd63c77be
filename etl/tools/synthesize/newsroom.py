"""Which stories an incident gets: how many, from which outlets, on which days."""
from datetime import timedelta

from etl.tools.synthesize.draw import Draw
from etl.tools.synthesize.figures import Figures
from etl.tools.synthesize.story import Story, StoryWriter
from etl.tools.synthesize.truth import Campaign, Incident
from etl.tools.synthesize.world import War


class Newsroom:
    """Writes the stories of a war's incidents."""

    def __init__(self, war: War, styles: dict, seed: int):
        self.war, self.styles, self.seed = war, styles, seed
        self.figures = Figures(styles, seed)
        available = {s: spec for s, spec in styles["styles"].items() if war.outlets.get(s)}
        self.style_weights = {s: spec["weight"] for s, spec in available.items()}
        self.single = {name: spec["weight"] for name, spec in styles["attacks"].items()}

    def stories(self, campaign: Campaign):
        for event in campaign.incidents:
            for number in range(self.coverage(event)):
                yield self._story(campaign, event, Draw(self.seed, "story", event.key, number))

    def coverage(self, event: Incident) -> int:
        """How many stories report `event`: more for a deadlier one."""
        coverage = self.styles["coverage"]
        stories = coverage["small" if event.dead < coverage["small"]["below"] else "large"]["stories"]
        return 1 + Draw(self.seed, "coverage", event.key).weighted(dict(enumerate(stories)))

    def _story(self, campaign: Campaign, event: Incident, draw: Draw) -> Story:
        weights = {s: w for s, w in self.style_weights.items()
                   if s != "un" or event.dead >= self.styles["styles"]["un"]["from_dead"] or campaign.battle}
        style = draw.weighted(weights)
        outlet = draw.pick(self.war.outlets[style])
        lag = draw.between(*self.styles["styles"][style]["lag"])
        return StoryWriter(self, campaign, event, outlet, event.day + timedelta(days=lag), draw).write()
