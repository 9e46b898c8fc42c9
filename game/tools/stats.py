"""Story statistics for ``lint --stats``: the size of a story at a glance."""

from __future__ import annotations

from game.engine import Story


def story_stats(story: Story) -> dict[str, int]:
    scenes = story.scenes.values()
    prompts = sum(len(s.discuss) for s in scenes) + sum(
        1 for s in scenes for c in s.choices if c.discuss
    )
    return {
        "scenes": len(story.scenes),
        "choices": sum(len(s.choices) for s in scenes),
        "endings": sum(1 for s in scenes if s.ending is not None),
        "words": sum(s.word_count for s in scenes),
        "discussion_prompts": prompts,
        "context_cards": sum(len(s.cards) for s in scenes),
        "variables": len(story.variables),
        "glossary_terms": len(story.glossary),
        "chapters": len(story.chapters),
    }
