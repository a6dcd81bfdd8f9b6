-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Slo" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "serviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "owner" TEXT,
    "labels" TEXT NOT NULL,
    "objective" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "sli" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "dataSourceId" TEXT,
    "alertTiers" TEXT,
    "groupBy" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "Slo_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "Service" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Slo_dataSourceId_fkey" FOREIGN KEY ("dataSourceId") REFERENCES "DataSource" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Slo" ("alertTiers", "createdAt", "dataSourceId", "description", "id", "labels", "name", "objective", "owner", "serviceId", "sli", "updatedAt", "window") SELECT "alertTiers", "createdAt", "dataSourceId", "description", "id", "labels", "name", "objective", "owner", "serviceId", "sli", "updatedAt", "window" FROM "Slo";
DROP TABLE "Slo";
ALTER TABLE "new_Slo" RENAME TO "Slo";
CREATE UNIQUE INDEX "Slo_serviceId_name_key" ON "Slo"("serviceId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

