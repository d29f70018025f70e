//! What the fuzz targets share: an input is a header that selects a format, chosen by the first
//! byte, and the rest of the bytes as the file's body. Each input is imported on its own, then
//! run through the whole pipeline (`concur::analyze`) and rendered; neither may panic, and a
//! report must keep its invariants.

use std::path::{Path, PathBuf};

use concur::import::{Sink, import_bytes};
use concur::{Goal, Options, Settings};

/// The bytes of a file: one of `headers` (by the first byte) and the rest of the input as the
/// body. Where the second bit of the first byte is set, the body is made valid UTF-8 first, so
/// that most inputs reach the importer rather than the encoding checks.
pub fn file_from(headers: &[&str], data: &[u8]) -> Option<(Vec<u8>, u8)> {
    let (&first, body) = data.split_first()?;
    let header = headers[usize::from(first) % headers.len()];
    let mut bytes = header.as_bytes().to_vec();
    bytes.push(b'\n');
    if first & 0x40 != 0 {
        bytes.extend_from_slice(String::from_utf8_lossy(body).as_bytes());
    } else {
        bytes.extend_from_slice(body);
    }
    Some((bytes, first))
}

/// Imports the bytes as a file, through the in-memory entry point: every skipped row has its
/// warning.
pub fn import(bytes: &[u8]) {
    let mut sink = Sink::new(false);
    let _ = import_bytes(Path::new("fuzz.csv"), bytes.to_vec(), &mut sink);
    assert!(sink.warnings.len() >= sink.skipped);
}

/// A file of this process in memory (/dev/shm) where there is one, for inputs to be read as files.
pub fn scratch_file() -> PathBuf {
    let dir = Path::new("/dev/shm");
    let dir = if dir.is_dir() {
        dir.to_path_buf()
    } else {
        std::env::temp_dir()
    };
    dir.join(format!("concur-fuzz-{}.csv", std::process::id()))
}

/// The whole pipeline on the bytes as one file; `flags` picks the goal, the zone and strictness.
/// Where the header selects a format, that must be the format read (or the run an error). With
/// `render_all`, the JSON is parsed back and the Markdown report rendered too.
pub fn analyze(bytes: &[u8], flags: u8, expected: Option<&str>, render_all: bool) {
    let path = scratch_file();
    std::fs::write(&path, bytes).expect("the scratch file can be written");
    let zones = [
        "Europe/Berlin",
        "UTC",
        "America/New_York",
        "Pacific/Auckland",
    ];
    let mut settings = Settings::new(
        zones[usize::from(flags >> 3) % zones.len()]
            .parse()
            .unwrap(),
    );
    if flags & 0x80 != 0 {
        settings.day_start = concur::import::values::parse_time_of_day("04:00").unwrap();
    }
    let mut options = Options::new(
        vec![path],
        Goal::ALL[usize::from(flags) % Goal::ALL.len()],
        settings,
    );
    options.strict = flags & 0x20 != 0;
    let Ok(report) = concur::analyze(&options) else {
        return;
    };
    if let Some(expected) = expected {
        let format = report.files[0].format;
        assert!(
            format == expected || format == "empty",
            "read as {format}, not {expected}"
        );
    }
    let summary = &report.summary;
    match summary.score {
        Some(score) => assert!(
            (0.0..=100.0).contains(&score) && summary.pairs > 0,
            "score {score}"
        ),
        None => assert_eq!(summary.pairs, 0, "a score for every report with pairs"),
    }
    assert_eq!(
        summary.aligned + summary.caution + summary.conflict,
        summary.pairs,
        "one verdict per pair"
    );
    let json = concur::report::render_json(&report);
    // The report is written field by field: it must read exactly as serde_json writes the whole
    // struct. (Its lists go to two threads from 1,024 elements, which fuzz inputs rarely reach;
    // the unit test in src/report/json.rs covers that path.)
    let whole = serde_json::to_string_pretty(&report).expect("the report is plain data") + "\n";
    assert_eq!(json, whole, "the JSON writer and serde_json agree");
    if render_all {
        serde_json::from_str::<serde_json::Value>(&json).expect("the report is JSON");
        let _ = concur::report::render_markdown(&report);
        let _ = concur::report::render_html(&report);
    }
}

/// Header lines of each format, from the test fixtures (invented rows, real header layouts).
pub mod headers {
    pub const GENERIC_CSV: &[&str] = &[
        "start,end,duration,type,title,modality,rpe,avg_hr,max_hr,distance_km,notes",
        "start,duration,title,exercise,weight,reps,rpe,seconds,distance_km",
        "start;end;duration;type;title;rpe;avg_hr;distance_km;notes",
        "start\tend\tduration\ttype\ttitle\tdistance_mi",
    ];
    pub const GENERIC_JSON: &[&str] = &["[", "{\"sessions\": ["];
    pub const STRONG: &[&str] = &[
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE",
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration",
        r#""Workout #";"Date";"Workout Name";"Duration (sec)";"Exercise Name";"Set Order";"Weight (kg)";"Reps";"RPE";"Distance (meters)";"Seconds";"Notes";"Workout Notes""#,
        "Date,Workout Name,Exercise Name,Set Order,kg,Reps,km,Seconds,Notes",
        // The languages of src/import/lang/strong.toml, one header each (tests/fixtures/lang/strong/).
        // German
        "Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,Wiederh.,Entfernung,Sekunden,Notizen,Workout-Notizen,RPE",
        // Spanish
        "Fecha,Nombre de entrenamiento,Duración,Nombre del ejercicio,Orden de la serie,Peso,Rep.,Distancia,Segundos,Notas,Notas del entrenamiento,RPE",
        // French
        "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,Secondes,Notes,Notes d'entraînement,RPE",
    ];
    pub const HEVY: &[&str] = &[
        r#""title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe""#,
        r#""title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_lbs","reps","distance_miles","duration_seconds","rpe""#,
    ];
    pub const FITNOTES: &[&str] = &[
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time",
        "Date,Exercise,Category,Weight (lbs),Reps,Distance,Distance Unit,Time",
    ];
    pub const STRAVA: &[&str] = &[
        // The columns the importer reads, repeated names included.
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Elapsed Time,Distance,Max Heart Rate,Average Heart Rate,Perceived Exertion,Type,Start Time",
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,Perceived Exertion,Type,Start Time,Weighted Average Power,Power Count,Prefer Perceived Exertion,Perceived Relative Effort,Commute,Total Weight Lifted,From Upload,Grade Adjusted Distance,Weather Observation Time,Weather Condition,Weather Temperature,Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,Weather Ozone,Jump Count,Total Grit,Average Flow,Flagged,Average Elapsed Speed,Dirt Distance,Newly Explored Distance,Newly Explored Dirt Distance,Activity Count,Total Steps,Carbon Saved,Pool Length,Training Load,Intensity,Average Grade Adjusted Pace,Timer Time,Total Cycles,Media",
        r##"Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,Other Time,Perceived Exertion,"<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.type"">Type</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.start_time"">Start Time</span>",Weighted Average Power,Power Count,Prefer Perceived Exertion,Perceived Relative Effort,Commute,Total Weight Lifted,From Upload,Grade Adjusted Distance,Weather Observation Time,Weather Condition,Weather Temperature,Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,Precipitation Probability,Precipitation Type,Cloud Cover,Weather Visibility,UV Index,Weather Ozone,"<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.jump_count"">Jump Count</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.total_grit"">Total Grit</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.avg_flow"">Avg Flow</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.flagged"">Flagged</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.avg_elapsed_speed"">Avg Elapsed Speed</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.dirt_distance"">Dirt Distance</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.newly_explored_distance"">Newly Explored Distance</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.newly_explored_dirt_distance"">Newly Explored Dirt Distance</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.sport_type"">Sport Type</span>","<span class=""translation_missing"" title=""translation missing: en-US.lib.export.portability_exporter.activities.horton_values.total_steps"">Total Steps</span>",Media"##,
        // The languages of src/import/lang/strava.toml, one header each (tests/fixtures/lang/strava/).
        // German
        "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Aktivitätsbeschreibung,Verstrichene Zeit,Distanz,Max. Herzfrequenz,Relative Leistung,Pendeln,Hinweis zur Privatsphäre für Aktivitäten,Aktivitätsausrüstung,Dateiname,Sportlergewicht,Fahrradgewicht,Verstrichene Zeit,Bewegungszeit,Distanz,Höchstgeschw.,Durchschnittliche Geschwindigkeit,Höhenzunahme,Höhenunterschied,Min. Höhe,Max. Höhe,Max. Steigung,Durchschnittliche Steigung,Durchschnittliche positive Steigung,Durchschnittliche negative Steigung,Max. Tritt-/Schrittfrequenz,Durchschnittliche Trittfrequenz,Max. Herzfrequenz,Durchschnittliche Herzfrequenz,Max. Watt,Durchschnittliche Watt,Kalorien,Max. Temperatur,Durchschnittliche Temperatur,Relative Leistung,Gesamtarbeit,Anzahl Läufe,Bergaufzeit,Bergabzeit,Andere Zeit,Gefühlte Anstrengung,Art,Startzeit,Gewichtete durchschnittliche Leistung,Leistungszahl,Gefühlte Anstrengung verwenden,Gefühlte relative Leistung,Pendeln,Insgesamt gestemmtes Gewicht,Von Upload,Auf Steigung angepasste Distanz,Wetterbeobachtungszeit,Wetterlage,Wetter: Temperatur,Scheinbare Temperatur,Taupunkt,Luftfeuchtigkeit,Wetter: Druck,Windgeschwindigkeit,Windböe,Windrichtung,Niederschlagsintensität,Sonnenaufgangszeit,Sonnenuntergangszeit,Mondphase,Fahrrad,Ausrüstung,Niederschlagswahrscheinlichkeit,Niederschlagsart,Wolkendecke,Wetter: Sichtbarkeit,UV-Index,Wetter: Ozon,Sprunganzahl,Schwierigkeit insgesamt,Durchschnittlicher Flow,Markiert,Durchschnittsgeschwindigkeit im Aufzeichnungszeitraum,Auf Schotter zurückgelegte Distanz,Neu getestete Distanz,Neu getestete Schotterdistanz,Aktivitätsanzahl,Schritte insgesamt,Eingesparte CO₂-Emissionen,Pool-Länge,Trainingsbelastung,Intensität,Durchschnittliches auf Steigung angepasstes Tempo,Medien",
        // Spanish
        "ID de actividad,Fecha de la actividad,Nombre de la actividad,Tipo de actividad,Descripción de la actividad,Tiempo transcurrido,Distancia,Ritmo cardiaco máximo,Nota privada de actividad,Nombre del archivo,Tiempo transcurrido,Tiempo en movimiento,Distancia,Desnivel positivo,Ritmo cardiaco promedio,Esfuerzo Percibido",
        // French
        "ID de l'activité,Date de l'activité,Nom de l'activité,Type d'activité,Description de l'activité,Temps écoulé,Distance,Fréquence cardiaque max.,Effort relatif,Déplacement-transport,Note privée sur les activités,Matériel utilisé pour l'activité,Nom du fichier,Poids de l'athlète,Poids du vélo,Temps écoulé,Durée de déplacement,Distance,Vitesse max.,Vitesse moyenne,Dénivelé positif",
        // Japanese
        "アクティビティID,アクティビティ実行日,アクティビティ名,アクティビティタイプ,ファイル名,移動時間,距離,距離_1,獲得標高",
        // Dutch
        "Activiteits-ID,Datum van activiteit,Naam activiteit,Activiteitstype,Verstreken tijd,Afstand,Max. hartslag,Bestandsnaam,Verstreken tijd,Beweegtijd,Afstand,Totale stijging,Totale daling,Max. cadans,Gemiddelde cadans,Gemiddelde hartslag,Calorieën,Ervaren inspanning,Trainingsbelasting",
        // Before 2019: snake_case, times in UTC
        "id,date,name,type,description,elapsed_time,distance,commute,gear,filename",
    ];
    pub const GARMIN: &[&str] = &[
        "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR",
        "Aktivitetstype,Dato,Favorit,Titel,Distance,Kalorier,Tid,Gennemsnitlig puls,Maks. puls,Aerob TE,Gennemsnitligt tempo,Bedste tempo,Samlet stigning,Samlet nedstigning,Skridt,Tid for bedste omgang,Antal omgange,Tid i bevægelse,Tidsforbrug",
    ];
    pub const FITBOD: &[&str] = &[
        // With `multiplier`
        "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier",
        // Older, ending at `Note`
        "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note",
    ];
    pub const PELOTON: &[&str] = &[
        // Miles
        "Workout Timestamp,Live/On-Demand,Instructor Name,Length (minutes),Fitness Discipline,Type,Title,Class Timestamp,Total Output,Avg. Watts,Avg. Resistance,Avg. Cadence (RPM),Avg. Speed (mph),Distance (mi),Calories Burned,Avg. Heartrate,Avg. Incline,Avg. Pace (min/mi)",
        // Kilometres
        "Workout Timestamp,Live/On-Demand,Instructor Name,Length (minutes),Fitness Discipline,Type,Title,Class Timestamp,Total Output,Avg. Watts,Avg. Resistance,Avg. Cadence (RPM),Avg. Speed (kph),Distance (km),Calories Burned,Avg. Heartrate,Avg. Incline,Avg. Pace (min/km)",
    ];
    pub const CONCEPT2: &[&str] = &[
        // Newer (2023 on)
        r#""Log ID",Date,Description,"Work Time (Formatted)","Work Time (Seconds)","Rest Time (Formatted)","Rest Time (Seconds)","Work Distance","Rest Distance","Stroke Rate/Cadence","Stroke Count",Pace,"Avg Watts",Cal/Hour,"Total Cal","Avg Heart Rate","Drag Factor",Age,Weight,Type,Ranked,Comments,"Date Entered""#,
        // Older, every field quoted
        r#""ID","Date","Description","Work Time (Formatted)","Work Time (Seconds)","Rest Time (Formatted)","Rest Time (Seconds)","Work Distance","Rest Distance","Stroke Rate/Cadence","Stroke Count","Pace","Avg Watts","Cal/Hour","Total Cal","Avg Heart Rate","Drag Factor","Age","Weight","Type","Ranked","Comments""#,
    ];
    pub const RUNKEEPER: &[&str] = &[
        // Older, miles
        "Date,Type,Route Name,Distance (mi),Duration,Average Pace,Average Speed (mph),Calories Burned,Climb (ft),Average Heart Rate (bpm),Notes,GPX File",
        // Older, kilometres
        "Date,Type,Route Name,Distance (km),Duration,Average Pace,Average Speed (km/h),Calories Burned,Climb (m),Average Heart Rate (bpm),Notes,GPX File",
        // Newer, kilometres
        "Activity Id,Date,Type,Route Name,Distance (km),Duration,Average Pace,Average Speed (km/h),Calories Burned,Climb (m),Average Heart Rate (bpm),Friend's Tagged,Notes,GPX File",
    ];
    pub const TRAININGPEAKS: &[&str] = &[
        r#""Title","WorkoutType","WorkoutDescription","PlannedDuration","PlannedDistanceInMeters","WorkoutDay","CoachComments","DistanceInMeters","PowerAverage","PowerMax","Energy","AthleteComments","TimeTotalInHours","VelocityAverage","VelocityMax","CadenceAverage","CadenceMax","HeartRateAverage","HeartRateMax","TorqueAverage","TorqueMax","IF","TSS","HRZone1Minutes","HRZone2Minutes","HRZone3Minutes","HRZone4Minutes","HRZone5Minutes","HRZone6Minutes","HRZone7Minutes","HRZone8Minutes","HRZone9Minutes","HRZone10Minutes","PWRZone1Minutes","PWRZone2Minutes","PWRZone3Minutes","PWRZone4Minutes","PWRZone5Minutes","PWRZone6Minutes","PWRZone7Minutes","PWRZone8Minutes","PWRZone9Minutes","PWRZone10Minutes","Rpe","Feeling""#,
    ];
    pub const WHOOP: &[&str] = &[
        "Cycle start time,Cycle end time,Cycle timezone,Workout start time,Workout end time,Duration (min),Activity name,Activity Strain,Energy burned (cal),Max HR (bpm),Average HR (bpm),HR Zone 1 %,HR Zone 2 %,HR Zone 3 %,HR Zone 4 %,HR Zone 5 %,GPS enabled,Distance (meters),Altitude gain (meters),Altitude change (meters)",
    ];
    pub const HEALTHEXPORT: &[&str] = &[
        // Older, with flights and strokes
        "Date,Active energy burned(kcal),Activity,Distance(km),Duration(Seconds),Flights climbed(count),Heart rate zone: A Easy (<115bpm)(%),Heart rate zone: B Fat Burn (115-135bpm)(%),Heart rate zone: C Moderate Training (135-155bpm)(%),Heart rate zone: D Hard Training (155-175bpm)(%),Heart rate zone: E Extreme Training (>175bpm)(%),Heart rate: Average(count/min),Heart rate: Maximum(count/min),Swimming stroke count(count)",
        // Newer, with elevation, METs and weather
        "Date,Active energy burned(kcal),Activity,Distance(km),Duration(Seconds),Elevation: Ascended(m),Elevation: Maximum(m),Elevation: Minimum(m),Heart rate zone: A Easy (<115bpm)(%),Heart rate zone: B Fat Burn (115-135bpm)(%),Heart rate zone: C Moderate Training (135-155bpm)(%),Heart rate zone: D Hard Training (155-175bpm)(%),Heart rate zone: E Extreme Training (>175bpm)(%),Heart rate: Average(count/min),Heart rate: Maximum(count/min),METs Average(kcal/hr·kg),Weather: Humidity(%),Weather: Temperature(degC)",
        // The other units, from the unit tests in src/import/healthexport.rs: energy in Cal,
        // duration in s or min, distance in mi or m.
        "Date,Active energy burned(Cal),Activity,Duration(s),Heart rate: Average(count/min),Heart rate: Maximum(count/min)",
        "Date,Active energy burned(Cal),Activity,Distance(mi),Duration(min),Heart rate: Average(count/min)",
        "Date,Active energy burned(Cal),Activity,Distance(m),Duration(s)",
    ];
}
