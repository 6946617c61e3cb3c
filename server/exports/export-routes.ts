import express from "express";
import { DataSource } from "typeorm";

/** CSV and GeoJSON exports of list results (issue 4, being built). */
export function registerExportRoutes(_app: express.Express, _dataSource: DataSource): void {}
