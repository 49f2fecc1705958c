// The fixture the Rust core rendered (ui/tests/fixtures/core-previews.json), checked on load.
// Imported by the fake backend and the tests only: never part of the production bundle.
import raw from "../../tests/fixtures/core-previews.json";
import { Fixture, parseFixture } from "./fixture";

export const core = new Fixture(parseFixture(raw));
