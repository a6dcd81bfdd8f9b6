-- CreateTable
CREATE TABLE "Postmortem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "detectedAt" DATETIME,
    "mitigatedAt" DATETIME,
    "resolvedAt" DATETIME,
    "authors" TEXT NOT NULL,
    "sections" TEXT NOT NULL,
    "timeline" TEXT NOT NULL,
    "noActionItems" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PostmortemSlo" (
    "postmortemId" TEXT NOT NULL,
    "sloId" TEXT NOT NULL,
    "sloName" TEXT NOT NULL,
    "service" TEXT NOT NULL,

    PRIMARY KEY ("postmortemId", "sloId"),
    CONSTRAINT "PostmortemSlo_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PostmortemTag" (
    "postmortemId" TEXT NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("postmortemId", "tag"),
    CONSTRAINT "PostmortemTag_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PostmortemVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postmortemId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "author" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    CONSTRAINT "PostmortemVersion_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postmortemId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueDate" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "ticketUrl" TEXT,
    "doneAt" DATETIME,
    CONSTRAINT "ActionItem_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PostmortemComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postmortemId" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PostmortemComment_postmortemId_fkey" FOREIGN KEY ("postmortemId") REFERENCES "Postmortem" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Postmortem_startedAt_idx" ON "Postmortem"("startedAt");

-- CreateIndex
CREATE INDEX "Postmortem_status_idx" ON "Postmortem"("status");

-- CreateIndex
CREATE INDEX "PostmortemSlo_sloId_idx" ON "PostmortemSlo"("sloId");

-- CreateIndex
CREATE INDEX "PostmortemSlo_service_idx" ON "PostmortemSlo"("service");

-- CreateIndex
CREATE INDEX "PostmortemTag_tag_idx" ON "PostmortemTag"("tag");

-- CreateIndex
CREATE UNIQUE INDEX "PostmortemVersion_postmortemId_number_key" ON "PostmortemVersion"("postmortemId", "number");

-- CreateIndex
CREATE INDEX "ActionItem_status_dueDate_idx" ON "ActionItem"("status", "dueDate");

-- CreateIndex
CREATE INDEX "PostmortemComment_postmortemId_createdAt_idx" ON "PostmortemComment"("postmortemId", "createdAt");

