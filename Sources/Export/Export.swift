// Export: Batch export of route snapshots from JSON Lines, folders and Kdniao pushes.
