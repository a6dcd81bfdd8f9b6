-- AlterTable
ALTER TABLE "Slo" ADD COLUMN "alertTiers" TEXT;

-- CreateTable
CREATE TABLE "SloExclusion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sloId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "end" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SloExclusion_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "SloExclusion_sloId_start_idx" ON "SloExclusion"("sloId", "start");

