"""experience_log.yaml: lesson 03's leadership experience log texts (the entries are the learner's)."""
from __future__ import annotations

from pydantic import Field

from course.schema.base import Problem, Slug, Strict, Text
from course.schema.profile import STAGES


class LogIdeas(Strict):
    competency: Slug
    ideas: list[Text] = Field(min_length=1, max_length=6)  # experiences that build this domain


class ExperienceLogContent(Strict):
    """Texts of the experience log; the entries themselves are the learner's, in the store."""

    lesson: Slug
    title: Text
    instructions: Text
    stage_prompts: dict[str, Text]  # profile stage -> where someone at that stage might look
    no_profile: Text
    ideas: list[LogIdeas] = Field(min_length=1)

    def check(self, context) -> list[Problem]:
        found = context.unknown_lesson("lesson", self.lesson)
        found += [(f"stage_prompts.{stage}", f"unknown profile stage '{stage}'")
                  for stage in self.stage_prompts if stage not in STAGES]
        for i, group in enumerate(self.ideas):
            found += context.unknown_competency(f"ideas.{i}.competency", group.competency)
        return found
