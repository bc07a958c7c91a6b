import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ENV_VARIABLE_NAMES } from "./env";

const root = path.resolve(import.meta.dirname, "../..");
const read = (name: string) => readFileSync(path.join(root, name), "utf8");

type ComposeService = {
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
};

describe("deployment files", () => {
  it("docker-compose.yml is valid YAML and gives the app only variables it reads, pointing at its own services", () => {
    const compose = parse(read("docker-compose.yml")) as {
      services: Record<string, ComposeService>;
      volumes: Record<string, unknown>;
    };
    const app = compose.services.app;
    const environment = app.environment ?? {};
    const container = ["HOSTNAME", "PORT"];
    expect(
      Object.keys(environment).filter(
        (name) => !ENV_VARIABLE_NAMES.includes(name) && !container.includes(name),
      ),
    ).toEqual([]);
    // Pinned, so that a PORT or DATA_DIR in .env cannot break the port mapping or the volume.
    expect(environment).toMatchObject({ HOSTNAME: "0.0.0.0", PORT: "3000", DATA_DIR: "/data" });
    expect(app.ports).toEqual(["127.0.0.1:3000:3000"]);
    expect(environment.CHROMA_URL).toBe("http://chroma:8000");
    expect(environment.DATABASE_URL).toMatch(/@postgres:5432\//);
    // A hosted deployment must not start open: compose refuses to run without accounts.
    expect(environment.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?/);
    expect(compose.services.chroma.image).toMatch(/^chromadb\/chroma:\d+\.\d+\.\d+$/);
    const namedVolumes = Object.values(compose.services).flatMap((service) =>
      (service.volumes ?? []).map((volume) => volume.split(":")[0]),
    );
    expect(namedVolumes.filter((name) => !(name in compose.volumes))).toEqual([]);
  });

  it("keeps .env files out of the Docker build context, where Next would copy them into the image", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .map((line) => line.trim());
    expect(ignored).toContain(".env*");
  });

  it("the README's deployment section lists every environment variable the app reads", () => {
    const readme = read("README.md");
    const deployment = readme.slice(readme.indexOf("## Deployment"), readme.indexOf("## Architecture"));
    expect(ENV_VARIABLE_NAMES.filter((name) => !deployment.includes(`\`${name}\``))).toEqual([]);
  });
});
