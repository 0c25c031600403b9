-- CreateTable
CREATE TABLE "Counter" (
    "day" TEXT NOT NULL,
    "campaign" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("day", "campaign", "language", "destination", "metric", "value")
);

-- CreateTable
CREATE TABLE "SeenUpdate" (
    "updateId" BIGINT NOT NULL PRIMARY KEY,
    "seenHour" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "Campaign" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "destination" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DashboardUser" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "campaign" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DashboardSession" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "userId" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "DashboardUser_name_key" ON "DashboardUser"("name");

-- CreateIndex
CREATE INDEX "DashboardSession_expiresAt_idx" ON "DashboardSession"("expiresAt");

