-- CreateTable
CREATE TABLE "AlertState" (
    "sloId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "since" DATETIME NOT NULL,

    PRIMARY KEY ("sloId", "tier"),
    CONSTRAINT "AlertState_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertTransition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sloId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "factor" REAL NOT NULL,
    "longBurnRate" REAL NOT NULL,
    "longGood" REAL NOT NULL,
    "longValid" REAL NOT NULL,
    "shortBurnRate" REAL NOT NULL,
    "shortGood" REAL NOT NULL,
    "shortValid" REAL NOT NULL,
    CONSTRAINT "AlertTransition_sloId_fkey" FOREIGN KEY ("sloId") REFERENCES "Slo" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AlertTransition_sloId_at_idx" ON "AlertTransition"("sloId", "at");

