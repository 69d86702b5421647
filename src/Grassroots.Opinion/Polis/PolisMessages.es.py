# Spanish for PolisMessages (Grassroots.Opinion.Polis), for the host's resource file: scripts/resx.py THIS_FILE.
# Written as JSON after "ES = " so that PolisTranslationTests can check it against the messages.
ES = {
    "The export has no {0}: a Pol.is export holds comments.csv and votes.csv.": "A la exportación le falta {0}: una exportación de Pol.is contiene comments.csv y votes.csv.",
    "The file is empty: it must start with a header line that names the columns ({0}).": "El archivo está vacío: debe empezar con una línea de encabezado que nombre las columnas ({0}).",
    "This is not CSV text: it has bytes that are not UTF-8 text (a binary file, a spreadsheet, or text in another encoding). Save it as CSV in UTF-8.": "Esto no es texto CSV: tiene bytes que no son texto UTF-8 (un archivo binario, una hoja de cálculo o texto en otra codificación). Guárdelo como CSV en UTF-8.",
    "The header line has no column \"{0}\" (it names: {1}). The first line must name the columns, as Pol.is writes it: {2}": "La línea de encabezado no tiene la columna \"{0}\" (nombra: {1}). La primera línea debe nombrar las columnas, como la escribe Pol.is: {2}",
    "The header line names the column \"{0}\" twice: keep one.": "La línea de encabezado nombra la columna \"{0}\" dos veces: deje una.",
    "This line is longer than {0} bytes, the most an import takes. (A quote that is never closed makes a line run on to the end of the file.)": "Esta línea tiene más de {0} bytes, lo máximo que admite una importación. (Unas comillas que nunca se cierran hacen que una línea siga hasta el final del archivo.)",
    "A quoted field starts on this line and its closing quote is missing, so the rest of the file would be part of it. Close the quote; inside a quoted field, write a quote as two quotes (\"\").": "En esta línea empieza un campo entre comillas al que le falta la comilla de cierre, así que el resto del archivo formaría parte de él. Cierre las comillas; dentro de un campo entre comillas, escriba una comilla como dos comillas (\"\").",
    "Text follows the closing quote of a field. Inside a quoted field, write a quote as two quotes (\"\").": "Hay texto después de la comilla de cierre de un campo. Dentro de un campo entre comillas, escriba una comilla como dos comillas (\"\").",
    "This line has {0} fields but the header line names {1} columns. A text that contains commas must be in double quotes.": "Esta línea tiene {0} campos, pero la línea de encabezado nombra {1} columnas. Un texto que contiene comas debe ir entre comillas dobles.",
    "\"{0}\" is not an id: write a whole number below 2147483648, in digits, as Pol.is does.": "\"{0}\" no es un identificador: escriba un número entero menor que 2147483648, en cifras, como hace Pol.is.",
    "This field is empty: it must be an id (a whole number).": "Este campo está vacío: debe ser un identificador (un número entero).",
    "\"{0}\" is not a timestamp: write the time in milliseconds (or seconds) since 1970-01-01 UTC, as Pol.is does.": "\"{0}\" no es una marca de tiempo: escriba la hora en milisegundos (o segundos) desde el 1970-01-01 UTC, como hace Pol.is.",
    "\"{0}\" is not a vote: a vote is 1 (agree), -1 (disagree) or 0 (pass).": "\"{0}\" no es un voto: un voto es 1 (de acuerdo), -1 (en desacuerdo) o 0 (paso).",
    "\"{0}\" is not a moderation state: write 1 (accepted), 0 (not moderated yet) or -1 (moderated out).": "\"{0}\" no es un estado de moderación: escriba 1 (aceptado), 0 (aún sin moderar) o -1 (retirado por moderación).",
    "\"{0}\" is not true or false.": "\"{0}\" no es true ni false.",
    "\"{0}\" is not a number.": "\"{0}\" no es un número.",
    "The comment is empty: every comment needs its text.": "El comentario está vacío: cada comentario necesita su texto.",
    "The comment has {0} characters; the most an import takes is {1}. Shorten it or leave it out.": "El comentario tiene {0} caracteres; lo máximo que admite una importación es {1}. Acórtelo o quítelo.",
    "Comment id {0} is already on line {1}: each comment needs its own id.": "El identificador de comentario {0} ya está en la línea {1}: cada comentario necesita su propio identificador.",
    "Participant {0} is already on line {1}: each participant has one line.": "El participante {0} ya está en la línea {1}: cada participante tiene una sola línea.",
    "Comment {0} is not in comments.csv: every vote must be on a comment that comments.csv lists.": "El comentario {0} no está en comments.csv: cada voto debe ser sobre un comentario que figure en comments.csv.",
    "comments.csv has more than {0} comments, the most an import takes.": "comments.csv tiene más de {0} comentarios, lo máximo que admite una importación.",
    "votes.csv has more than {0} votes, the most an import takes.": "votes.csv tiene más de {0} votos, lo máximo que admite una importación.",
    "participants-votes.csv has more than {0} participants, the most an import takes.": "participants-votes.csv tiene más de {0} participantes, lo máximo que admite una importación.",
    "A line of summary.csv is a name and a value; this one has {0} fields.": "Una línea de summary.csv es un nombre y un valor; esta tiene {0} campos."
}
