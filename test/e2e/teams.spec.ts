import { expect, test } from "@playwright/test";
import { bootstrap, PASSWORD, signIn } from "./support/auth";
import { shootBothThemes } from "./support/screenshots";

test("an editor of one team sees why they cannot edit another team's SLO, and the API refuses it", async ({ page, request }) => {
  const stamp = Date.now().toString(36);
  const [owner, mine] = [`owners-${stamp}`, `mine-${stamp}`];
  const email = `team-editor-${stamp}@e2e.test`;
  // Editor in their own team, viewer in the owning one (which makes both teams exist).
  const person = await request.post("/api/users", { headers: bootstrap, data: { email, name: "E2E team editor", password: PASSWORD, memberships: [{ team: mine, role: "editor" }, { team: owner, role: "viewer" }] } });
  expect(person.status()).toBe(201);
  expect((await request.post("/api/services", { headers: bootstrap, data: { slug: `svc-${stamp}`, name: `Owned ${stamp}`, team: owner } })).status()).toBe(201);
  const definition = {
    name: "availability", service: `svc-${stamp}`, objective: "0.999", window: { kind: "rolling", days: 30 },
    sli: { kind: "ratio", bad: { metric: "e2e_teams_errors_total" }, total: { metric: "e2e_teams_requests_total" } },
  };
  const created = await request.post("/api/slos", { headers: bootstrap, data: definition });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await signIn(page, { email, password: PASSWORD }, `/slos/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "availability" })).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: `Editing needs editor in team ${owner}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await shootBothThemes(page, "teams-slo-refused");
  // Typing the edit address by hand gets the reason, not a form whose save would be refused.
  await page.goto(`/slos/${id}/edit`);
  await expect(page.getByRole("heading", { name: "You cannot edit this SLO" })).toBeVisible();
  await expect(page.getByText(`Editing needs editor in team ${owner}`)).toBeVisible();
  await expect(page.getByRole("button", { name: /save/i })).toHaveCount(0);

  // The service's FMEA worksheet: rows without Edit buttons, and why.
  const sheet = await request.post("/api/fmea/worksheets", { headers: bootstrap, data: { title: `Owned sheet ${stamp}`, service: `svc-${stamp}` } });
  expect(sheet.status()).toBe(201);
  await page.goto(`/fmea/${((await sheet.json()) as { id: string }).id}`);
  await expect(page.getByRole("note").filter({ hasText: `Changing this worksheet needs editor in team ${owner}` })).toBeVisible();
  await expect(page.getByRole("button", { name: /import/i })).toHaveCount(0);

  const refused = await page.request.put(`/api/slos/${id}`, { data: { ...definition, objective: "0.99" }, headers: { origin: new URL(page.url()).origin } });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(`needs editor in team ${owner}`);
});
